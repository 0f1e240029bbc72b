using WebmailLite.Mail;

namespace WebmailLite.Practice;

public sealed partial class PracticeStore
{
    /// <summary>The practice account with this address (case-insensitive), or <c>null</c>.</summary>
    public PracticeAccount? FindAccountByAddress(string address)
    {
        var wanted = address.Trim();
        // LiteDB's default collation already ignores case; the exact rule is applied here, in C#.
        var account = _accounts.Find(a => a.Address == wanted)
            .FirstOrDefault(a => string.Equals(a.Address, wanted, StringComparison.OrdinalIgnoreCase));
        return account is null ? null : new PracticeAccount(account.Id, account.DisplayName, account.Address);
    }

    /// <summary>The full name of the account's folder with this special use, or <c>null</c>.</summary>
    public string? FindSpecialFolderName(string identifier, SpecialFolder special)
    {
        var id = NormalizeIdentifier(identifier);
        return _folders.Find(f => f.Account == id).FirstOrDefault(f => f.Special == special)?.FullName;
    }
}

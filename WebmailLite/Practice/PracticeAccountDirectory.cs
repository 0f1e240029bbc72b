using WebmailLite.Accounts;

namespace WebmailLite.Practice;

/// <summary>
/// The account directory of the practice mailbox (no <c>Accounts:PasswdFile</c>): its accounts, and a password
/// change that the practice sign-in then follows, so that a newcomer can try the whole recovery journey.
/// <para>
/// Contact addresses: camille.martin's is julien.bernard's practice address and the other way round. A practice
/// account has no personal address and nothing may leave the app; a colleague's practice box stands in for one, so
/// the newcomer who asks for a code by e-mail for « camille.martin » signs in as « julien.bernard » and reads it there.
/// </para>
/// </summary>
public sealed class PracticeAccountDirectory(PracticeStore store) : IAccountDirectory
{
    public Task<bool> ExistsAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(store.FindAccount(identifier) is not null);

    public Task<string?> CanonicalIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(store.FindAccount(identifier)?.Identifier);

    public Task<string?> ContactAddressAsync(string identifier, CancellationToken cancellationToken)
    {
        var partner = store.FindAccount(identifier)?.Identifier switch
        {
            PracticeSeed.Identifier => PracticeSeed.SecondIdentifier,
            PracticeSeed.SecondIdentifier => PracticeSeed.Identifier,
            _ => null,
        };
        return Task.FromResult(partner is null ? null : store.FindAccount(partner)?.Address);
    }

    public async Task<IReadOnlyDictionary<string, string>> ContactAddressesAsync(CancellationToken cancellationToken)
    {
        var contacts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var identifier in new[] { PracticeSeed.Identifier, PracticeSeed.SecondIdentifier })
        {
            if (await ContactAddressAsync(identifier, cancellationToken) is { } address)
            {
                contacts[identifier] = address;
            }
        }
        return contacts;
    }

    public Task<string?> AccountAddressAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(store.FindAccount(identifier)?.Address);

    /// <summary>Same limits as the passwd-file directory, so that practice behaves as the real thing does.</summary>
    public Task<bool> SetPasswordAsync(string identifier, string newPassword, CancellationToken cancellationToken)
    {
        PasswdFileAccountDirectory.CheckPassword(newPassword);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.SetPassword(identifier, newPassword));
    }
}

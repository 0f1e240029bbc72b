using MimeKit;
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

    /// <summary>
    /// Delivers as a server would: into the inbox of each practice account among the recipients (To, Cc, Bcc), the
    /// message without its Bcc header. Any other address gets nothing: nothing ever leaves the app.
    /// </summary>
    /// <returns>How many practice accounts received it.</returns>
    public int Deliver(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.HiddenHeaders.Add(HeaderId.Bcc);
        using var buffer = new MemoryStream();
        message.WriteTo(format, buffer);
        var delivered = buffer.ToArray();

        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => m.Address)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var address in recipients)
        {
            if (FindAccountByAddress(address) is { } account)
            {
                AddRawMessage(account.Identifier, "INBOX", delivered, seen: false);
                count++;
            }
        }
        return count;
    }

    /// <summary>The full name of the account's folder with this special use, or <c>null</c>.</summary>
    public string? FindSpecialFolderName(string identifier, SpecialFolder special)
    {
        var id = NormalizeIdentifier(identifier);
        return _folders.Find(f => f.Account == id).FirstOrDefault(f => f.Special == special)?.FullName;
    }

    /// <summary>
    /// Whether the folder holds a message with this Message-ID. Reads the headers of each source: only the outbox asks,
    /// rarely (a send cut off by a stop of the app), and a practice Envoyés holds a few dozen messages.
    /// </summary>
    public bool ContainsMessageId(string identifier, string folderFullName, string messageId)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null)
        {
            return false;
        }
        var id = folder.Id;
        foreach (var key in _messages.Find(m => m.FolderId == id).Select(m => m.Id).ToList())
        {
            if (_sources.FindById(key)?.Raw is not { } raw)
            {
                continue;
            }
            using var stream = new MemoryStream(raw, writable: false);
            var headers = HeaderList.Load(stream);
            if (headers[HeaderId.MessageId] is { } value
                && MimeKit.Utils.MimeUtils.EnumerateReferences(value).FirstOrDefault() is { } found
                && string.Equals(found, messageId, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

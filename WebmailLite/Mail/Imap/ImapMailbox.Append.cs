using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace WebmailLite.Mail.Imap;

/// <summary>APPEND to a special-use folder, found by its SPECIAL-USE attribute, else by a usual name, else created.</summary>
public sealed partial class ImapMailbox
{
    public Task<AppendedMessage> AppendAsync(SpecialFolder folder, MimeMessage message, AppendFlags flags, CancellationToken cancellationToken) =>
        // UseImapAsync runs the work again once when the idle connection turned out dead: an APPEND then failed to
        // reach the server, so repeating it does not store the message twice.
        UseImapAsync(async (client, ct) =>
        {
            var target = await FindOrCreateSpecialFolderAsync(client, folder, ct);
            var messageFlags = MessageFlags.None;
            if (flags.HasFlag(AppendFlags.Seen))
            {
                messageFlags |= MessageFlags.Seen;
            }
            if (flags.HasFlag(AppendFlags.Draft))
            {
                messageFlags |= MessageFlags.Draft;
            }
            var uid = await target.AppendAsync(new AppendRequest(message, messageFlags), ct);
            return new AppendedMessage(target.FullName, uid?.Id);
        }, cancellationToken);

    public Task<string?> FindSentCopyAsync(string messageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return Task.FromResult<string?>(null);
        }
        // A read: UseImapAsync may run it again after a dropped idle connection.
        return UseImapAsync(async (client, ct) =>
        {
            if (await FindAppendFolderAsync(client, SpecialFolder.Sent, ct) is not { } sent
                || await OpenFolderAsync(client, sent.FullName, FolderAccess.ReadOnly, ct) is not { } opened)
            {
                return null;
            }
            // SEARCH HEADER matches a substring (RFC 3501 §6.4.4): the candidates' envelopes say which is exactly it.
            var candidates = await opened.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId), ct);
            if (candidates.Count == 0)
            {
                return null;
            }
            var summaries = await opened.FetchAsync(candidates, MessageSummaryItems.Envelope, ct);
            return summaries.Any(s => string.Equals(s.Envelope?.MessageId, messageId, StringComparison.Ordinal)) ? opened.FullName : null;
        }, cancellationToken);
    }

    private static async Task<IMailFolder> FindOrCreateSpecialFolderAsync(ImapClient client, SpecialFolder folder, CancellationToken ct)
    {
        if (await FindAppendFolderAsync(client, folder, ct) is { } found)
        {
            return found;
        }
        var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        var root = client.GetFolder(personal);
        var created = client.Capabilities.HasFlag(ImapCapabilities.CreateSpecialUse)
            ? await root.CreateAsync(UsualNames(folder)[0], [SpecialUse(folder)], ct)
            : await root.CreateAsync(UsualNames(folder)[0], isMessageFolder: true, ct);
        return created ?? throw new MailUnavailableException("The IMAP server did not create the " + folder + " folder.");
    }

    // The folder copies are appended to, so that the search for a copy looks exactly where the copy was put.
    private static async Task<IMailFolder?> FindAppendFolderAsync(ImapClient client, SpecialFolder folder, CancellationToken ct)
    {
        if (folder == SpecialFolder.Inbox)
        {
            return client.Inbox;
        }

        var use = SpecialUse(folder);

        // MailKit learns the special-use folders at login when the server has SPECIAL-USE (Dovecot has).
        if ((client.Capabilities & (ImapCapabilities.SpecialUse | ImapCapabilities.XList)) != 0 && client.GetFolder(use) is { } special)
        {
            return special;
        }

        var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        var listed = await client.GetFoldersAsync(personal, subscribedOnly: false, ct);
        var attribute = use switch
        {
            MailKit.SpecialFolder.Drafts => FolderAttributes.Drafts,
            MailKit.SpecialFolder.Sent => FolderAttributes.Sent,
            MailKit.SpecialFolder.Trash => FolderAttributes.Trash,
            MailKit.SpecialFolder.Junk => FolderAttributes.Junk,
            _ => FolderAttributes.Archive,
        };
        var names = UsualNames(folder);
        return listed.FirstOrDefault(f => (f.Attributes & attribute) != 0)
            ?? listed.FirstOrDefault(f => names.Contains(f.Name, StringComparer.OrdinalIgnoreCase));
    }

    private static MailKit.SpecialFolder SpecialUse(SpecialFolder folder) => folder switch
    {
        SpecialFolder.Drafts => MailKit.SpecialFolder.Drafts,
        SpecialFolder.Sent => MailKit.SpecialFolder.Sent,
        SpecialFolder.Trash => MailKit.SpecialFolder.Trash,
        SpecialFolder.Junk => MailKit.SpecialFolder.Junk,
        SpecialFolder.Archive => MailKit.SpecialFolder.Archive,
        _ => throw new ArgumentOutOfRangeException(nameof(folder), folder, "Not a special-use folder."),
    };

    // The first name is the one created when nothing is found: Dovecot's, as in the practice mailbox.
    private static string[] UsualNames(SpecialFolder folder) => folder switch
    {
        SpecialFolder.Drafts => ["Drafts", "Brouillons"],
        SpecialFolder.Sent => ["Sent", "Sent Messages", "Sent Items", "Envoyés", "Éléments envoyés"],
        SpecialFolder.Trash => ["Trash", "Deleted Messages", "Corbeille"],
        SpecialFolder.Junk => ["Junk", "Spam", "Indésirables"],
        _ => ["Archive", "Archives"],
    };
}

using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;

namespace WebmailLite.Mail.Imap;

// Flags, moving and deleting messages: UID commands only (UID STORE, UID MOVE, UID EXPUNGE), so that a message that
// arrived or left in the meantime never shifts the ones the person chose.
public sealed partial class ImapMailbox
{
    // Where the server has no SPECIAL-USE, the usual names of these folders (Dovecot's, Outlook's, French ones).
    private static readonly string[] TrashNames = ["Trash", "Corbeille", "Deleted Items", "Deleted Messages", "Éléments supprimés"];
    private static readonly string[] JunkNames = ["Junk", "Spam", "Indésirables", "Courrier indésirable", "Junk E-mail"];

    public Task<int?> SetFlagAsync(string folder, IReadOnlyCollection<uint> uids, MessageFlag flag, bool value, CancellationToken cancellationToken)
    {
        var ids = ToUniqueIds(uids);
        return UseImapAsync<int?>(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadWrite, ct);
            if (opened is null)
            {
                return null;
            }
            var existing = await ExistingAsync(client, opened, ids, ct);
            if (existing.Count > 0)
            {
                var flags = flag == MessageFlag.Seen ? MessageFlags.Seen : MessageFlags.Flagged;
                if (value)
                {
                    await opened.AddFlagsAsync(existing, flags, silent: true, ct);
                }
                else
                {
                    await opened.RemoveFlagsAsync(existing, flags, silent: true, ct);
                }
            }
            return existing.Count;
        }, cancellationToken);
    }

    public Task<MoveOutcome> MoveAsync(string folder, IReadOnlyCollection<uint> uids, string destination, CancellationToken cancellationToken) =>
        MoveCoreAsync(folder, uids, (client, ct) => FindFolderAsync(client, destination, ct), cancellationToken);

    public Task<MoveOutcome> MoveToSpecialAsync(string folder, IReadOnlyCollection<uint> uids, SpecialFolder destination, CancellationToken cancellationToken)
    {
        if (destination is not (SpecialFolder.Trash or SpecialFolder.Junk or SpecialFolder.Archive or SpecialFolder.Inbox))
        {
            throw new ArgumentOutOfRangeException(nameof(destination), destination, "Messages are only moved to the inbox, Trash, Junk or Archive this way.");
        }
        return MoveCoreAsync(folder, uids, (client, ct) => FindSpecialFolderAsync(client, destination, ct), cancellationToken);
    }

    public Task<int?> DeletePermanentlyAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken)
    {
        var ids = ToUniqueIds(uids);
        return UseImapAsync<int?>(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadWrite, ct);
            if (opened is null)
            {
                return null;
            }
            var existing = await ExistingAsync(client, opened, ids, ct);
            await ExpungeAsync(client, opened, existing, ct);
            return existing.Count;
        }, cancellationToken);
    }

    public Task<int?> EmptyFolderAsync(string folder, uint upToUid, CancellationToken cancellationToken) =>
        UseImapAsync<int?>(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadWrite, ct);
            if (opened is null)
            {
                return null;
            }
            if (upToUid == 0 || opened.Count == 0)
            {
                return 0;
            }
            // Only up to the newest message shown when the person confirmed: one that arrives meanwhile stays.
            var range = new UniqueIdRange(UniqueId.MinValue, new UniqueId(upToUid));
            var existing = await SearchUidsAsync(client, opened, SearchQuery.Uids(range), ct);
            await ExpungeAsync(client, opened, existing, ct);
            return existing.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<MessageSummary>> GetSummariesAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken)
    {
        var ids = ToUniqueIds(uids);
        return UseImapAsync<IReadOnlyList<MessageSummary>>(async (client, ct) =>
        {
            var opened = ids.Count == 0 ? null : await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
            if (opened is null)
            {
                return [];
            }
            var summaries = await opened.FetchAsync(ids, new FetchRequest(ListItems), ct);
            return summaries.Select(ToMessageSummary).OrderByDescending(s => s.Uid).ToList();
        }, cancellationToken);
    }

    private Task<MoveOutcome> MoveCoreAsync(
        string folder,
        IReadOnlyCollection<uint> uids,
        Func<ImapClient, CancellationToken, Task<IMailFolder?>> findDestination,
        CancellationToken cancellationToken)
    {
        var ids = ToUniqueIds(uids);
        return UseImapAsync(async (client, ct) =>
        {
            // The destination first: finding it may LIST, which never disturbs the selected folder.
            var target = await findDestination(client, ct);
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadWrite, ct);
            if (opened is null)
            {
                return MoveOutcome.FolderNotFound;
            }
            if (target is null)
            {
                return MoveOutcome.DestinationNotFound;
            }
            if (string.Equals(target.FullName, opened.FullName, StringComparison.Ordinal))
            {
                return new MoveOutcome(MoveStatus.SameFolder, 0, target.FullName);
            }
            var existing = await ExistingAsync(client, opened, ids, ct);
            if (existing.Count > 0)
            {
                // MailKit sends UID MOVE when the server has MOVE (RFC 6851); otherwise UID COPY, then \Deleted and
                // UID EXPUNGE of exactly these UIDs (UIDPLUS).
                await opened.MoveToAsync(existing, target, ct);
            }
            return new MoveOutcome(MoveStatus.Done, existing.Count, target.FullName);
        }, cancellationToken);
    }

    // UID EXPUNGE (UIDPLUS) removes exactly these messages. Without UIDPLUS, EXPUNGE would also remove any message that
    // another client had marked \Deleted; that is the only way such a server offers, and IMAP clients share it.
    private static async Task ExpungeAsync(ImapClient client, IMailFolder opened, IList<UniqueId> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await opened.AddFlagsAsync(ids, MessageFlags.Deleted, silent: true, ct);
        if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            await opened.ExpungeAsync(ids, ct);
        }
        else
        {
            await opened.ExpungeAsync(ct);
        }
    }

    // The UIDs among these that still exist (UID SEARCH UID …): counts shown to the person are then true, and a STORE or
    // MOVE is never sent for nothing.
    private static async Task<IList<UniqueId>> ExistingAsync(ImapClient client, IMailFolder opened, IList<UniqueId> ids, CancellationToken ct) =>
        ids.Count == 0 || opened.Count == 0 ? [] : await SearchUidsAsync(client, opened, SearchQuery.Uids(ids), ct);

    // Ascending UIDs of the matching messages. ESEARCH (RFC 4731) answers with compact ranges instead of every UID.
    private static async Task<IList<UniqueId>> SearchUidsAsync(ImapClient client, IMailFolder opened, SearchQuery query, CancellationToken ct)
    {
        IList<UniqueId> found = client.Capabilities.HasFlag(ImapCapabilities.ESearch)
            ? (await opened.SearchAsync(SearchOptions.All, query, ct)).UniqueIds
            : await opened.SearchAsync(query, ct);
        return found.OrderBy(u => u.Id).ToList();
    }

    private static List<UniqueId> ToUniqueIds(IReadOnlyCollection<uint> uids) =>
        // UID 0 never exists in IMAP (and MailKit's UniqueId refuses it).
        uids.Where(u => u > 0).Distinct().Order().Select(u => new UniqueId(u)).ToList();

    // A folder by full name, selectable or not (a parent can be \NoSelect). null when it does not exist.
    private static async Task<IMailFolder?> FindFolderAsync(ImapClient client, string fullName, CancellationToken ct)
    {
        if (string.Equals(fullName, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }
        try
        {
            var folder = await client.GetFolderAsync(fullName, ct);
            return (folder.Attributes & FolderAttributes.NonExistent) != 0 ? null : folder;
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }

    private static async Task<IMailFolder?> FindSpecialFolderAsync(ImapClient client, SpecialFolder special, CancellationToken ct)
    {
        if (special == SpecialFolder.Inbox)
        {
            return client.Inbox;
        }
        var kind = ToMailKit(special);
        // MailKit learns the SPECIAL-USE folders when it authenticates; a server without SPECIAL-USE has none.
        if (client.Capabilities.HasFlag(ImapCapabilities.SpecialUse) || client.Capabilities.HasFlag(ImapCapabilities.XList))
        {
            if (client.GetFolder(kind) is { } known)
            {
                return known;
            }
        }
        var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        var listed = await client.GetFoldersAsync(personal, StatusItems.None, subscribedOnly: false, ct);
        var byAttribute = listed.FirstOrDefault(f => SpecialOf(f, client) == special);
        if (byAttribute is not null)
        {
            return byAttribute;
        }
        // By its usual name, the top-level one first (« Trash », not « Projets/Trash »).
        var names = special == SpecialFolder.Trash ? TrashNames : special == SpecialFolder.Junk ? JunkNames : ["Archive", "Archives"];
        return listed
            .Where(f => (f.Attributes & (FolderAttributes.NonExistent | FolderAttributes.NoSelect)) == 0)
            .Where(f => names.Contains(f.Name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f.FullName.Length)
            .FirstOrDefault();
    }

    private static MailKit.SpecialFolder ToMailKit(SpecialFolder special) => special switch
    {
        SpecialFolder.Trash => MailKit.SpecialFolder.Trash,
        SpecialFolder.Junk => MailKit.SpecialFolder.Junk,
        SpecialFolder.Archive => MailKit.SpecialFolder.Archive,
        SpecialFolder.Drafts => MailKit.SpecialFolder.Drafts,
        SpecialFolder.Sent => MailKit.SpecialFolder.Sent,
        _ => throw new ArgumentOutOfRangeException(nameof(special), special, "No IMAP special use for this folder."),
    };

    // The folder selected on this connection is deselected before it (or its parent) is renamed or deleted: servers
    // differ in what they do to a selected mailbox that disappears, and none of it is useful here.
    private async Task DeselectAsync(CancellationToken ct)
    {
        var open = _openFolder;
        _openFolder = null;
        if (open is { IsOpen: true })
        {
            try
            {
                // expunge: false — MailKit sends UNSELECT (or EXAMINE then CLOSE), never a CLOSE that would expunge.
                await open.CloseAsync(expunge: false, ct);
            }
            catch (ImapCommandException e)
            {
                _logger.LogDebug(e, "Deselecting {Folder} before a folder change was refused", open.FullName);
            }
        }
    }
}

using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace WebmailLite.Mail.Imap;

/// <summary>Drafts on the IMAP server: APPEND with <c>\Draft</c>, then the old version removed with UID EXPUNGE.</summary>
public sealed partial class ImapMailbox
{
    public async Task<AppendedMessage> SaveDraftAsync(MimeMessage message, uint? replacing, CancellationToken cancellationToken)
    {
        // Two separate turns at the connection, not one: UseImapAsync runs its work again after a dropped idle
        // connection, and an APPEND that had succeeded before a failed delete would then be stored twice.
        var saved = await AppendAsync(SpecialFolder.Drafts, message, AppendFlags.Draft | AppendFlags.Seen, cancellationToken);
        if (replacing is { } old && old != 0 && old != saved.Uid)
        {
            try
            {
                await DeleteDraftAsync(old, cancellationToken);
            }
            catch (MailUnavailableException)
            {
                // The new version is safe; the old one stays beside it, which loses nothing.
                _logger.LogWarning("The previous version of a draft could not be deleted; both are in the drafts folder");
            }
        }
        return saved;
    }

    public Task<MimeMessage?> PeekDraftAsync(uint uid, CancellationToken cancellationToken)
    {
        if (uid == 0)
        {
            return Task.FromResult<MimeMessage?>(null);
        }
        return UseImapAsync(async (client, ct) =>
        {
            var drafts = await OpenDraftsAsync(client, FolderAccess.ReadOnly, ct);
            if (drafts is null)
            {
                return null;
            }
            try
            {
                return await drafts.GetMessageAsync(new UniqueId(uid), ct);
            }
            catch (MessageNotFoundException)
            {
                return null;
            }
        }, cancellationToken);
    }

    public Task<bool> DeleteDraftAsync(uint uid, CancellationToken cancellationToken)
    {
        if (uid == 0)
        {
            return Task.FromResult(false);
        }
        // Idempotent (deleting a UID already gone finds nothing), so UseImapAsync may safely run it again.
        return UseImapAsync(async (client, ct) =>
        {
            var drafts = await OpenDraftsAsync(client, FolderAccess.ReadWrite, ct);
            if (drafts is null)
            {
                return false;
            }
            var id = new UniqueId(uid);
            if ((await drafts.SearchAsync(SearchQuery.Uids([id]), ct)).Count == 0)
            {
                return false;
            }
            await drafts.AddFlagsAsync(id, MessageFlags.Deleted, silent: true, ct);
            if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
            {
                // UID EXPUNGE: only this message goes, not others that another client marked \Deleted.
                await drafts.ExpungeAsync([id], ct);
            }
            else
            {
                // Without UIDPLUS the only way is a plain EXPUNGE of the folder: in Brouillons, messages marked
                // \Deleted by another client were meant to go anyway.
                await drafts.ExpungeAsync(ct);
            }
            return true;
        }, cancellationToken);
    }

    private async Task<IMailFolder?> OpenDraftsAsync(ImapClient client, FolderAccess access, CancellationToken ct)
    {
        var drafts = await FindOrCreateSpecialFolderAsync(client, SpecialFolder.Drafts, ct);
        return await OpenFolderAsync(client, drafts.FullName, access, ct);
    }
}

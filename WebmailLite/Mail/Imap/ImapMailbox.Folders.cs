using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;

namespace WebmailLite.Mail.Imap;

// The person's own folders: create, rename, delete. Special-use folders and the inbox are never renamed or deleted.
public sealed partial class ImapMailbox
{
    public Task<FolderChange> CreateFolderAsync(string? parent, string name, CancellationToken cancellationToken)
    {
        name = FolderNameRules.Normalize(name);
        if (FolderNameRules.Check(name) != FolderNameProblem.None)
        {
            return Task.FromResult(new FolderChange(FolderChangeStatus.InvalidName));
        }
        return UseImapAsync(async (client, ct) =>
        {
            var under = string.IsNullOrEmpty(parent) ? PersonalRoot(client) : await FindFolderAsync(client, parent, ct);
            if (under is null)
            {
                return FolderChange.NotFound;
            }
            if (name.Contains(under.DirectorySeparator, StringComparison.Ordinal))
            {
                return new FolderChange(FolderChangeStatus.InvalidName);
            }
            var siblings = await under.GetSubfoldersAsync(subscribedOnly: false, ct);
            if (siblings.FirstOrDefault(f => FolderNameRules.SameName(f.Name, name) && (f.Attributes & FolderAttributes.NonExistent) == 0) is { } twin)
            {
                return new FolderChange(FolderChangeStatus.AlreadyExists, twin.FullName);
            }
            try
            {
                // MailKit answers null when the server created it but LIST cannot see it (never seen with Dovecot).
                var created = await under.CreateAsync(name, isMessageFolder: true, ct);
                if (created is null)
                {
                    return new FolderChange(FolderChangeStatus.Refused);
                }
                // Subscribed too, as other mail programs (and phones) often show only subscribed folders.
                await TrySubscribeAsync(created, ct);
                return new FolderChange(FolderChangeStatus.Done, created.FullName);
            }
            catch (ImapCommandException e) when (e.Response == ImapCommandResponse.No)
            {
                _logger.LogInformation("IMAP server refused to create a folder: {Reason}", e.ResponseText);
                return new FolderChange(FolderChangeStatus.Refused);
            }
        }, cancellationToken);
    }

    public Task<FolderChange> RenameFolderAsync(string folder, string newName, CancellationToken cancellationToken)
    {
        newName = FolderNameRules.Normalize(newName);
        if (FolderNameRules.Check(newName) != FolderNameProblem.None)
        {
            return Task.FromResult(new FolderChange(FolderChangeStatus.InvalidName));
        }
        return UseImapAsync(async (client, ct) =>
        {
            var target = await FindFolderAsync(client, folder, ct);
            if (target is null)
            {
                return FolderChange.NotFound;
            }
            if (IsProtected(target, client))
            {
                return FolderChange.Protected;
            }
            if (newName.Contains(target.DirectorySeparator, StringComparison.Ordinal))
            {
                return new FolderChange(FolderChangeStatus.InvalidName);
            }
            if (string.Equals(target.Name, newName, StringComparison.Ordinal))
            {
                return new FolderChange(FolderChangeStatus.Done, target.FullName);
            }
            var parent = target.ParentFolder ?? PersonalRoot(client);
            var siblings = await parent.GetSubfoldersAsync(subscribedOnly: false, ct);
            // « projets » → « Projets » is allowed: the only same-name sibling is the folder itself.
            if (siblings.FirstOrDefault(f => FolderNameRules.SameName(f.Name, newName) && f.FullName != target.FullName
                                             && (f.Attributes & FolderAttributes.NonExistent) == 0) is { } twin)
            {
                return new FolderChange(FolderChangeStatus.AlreadyExists, twin.FullName);
            }
            await DeselectAsync(ct);
            try
            {
                await target.RenameAsync(parent, newName, ct);
                await TrySubscribeAsync(target, ct);
                return new FolderChange(FolderChangeStatus.Done, target.FullName);
            }
            catch (ImapCommandException e) when (e.Response == ImapCommandResponse.No)
            {
                _logger.LogInformation("IMAP server refused to rename a folder: {Reason}", e.ResponseText);
                return new FolderChange(FolderChangeStatus.Refused);
            }
        }, cancellationToken);
    }

    public Task<FolderChange> DeleteFolderAsync(string folder, CancellationToken cancellationToken) =>
        UseImapAsync(async (client, ct) =>
        {
            var target = await FindFolderAsync(client, folder, ct);
            if (target is null)
            {
                return FolderChange.NotFound;
            }
            if (IsProtected(target, client))
            {
                return FolderChange.Protected;
            }
            // STATUS is not meant for the selected mailbox (RFC 3501 §6.3.10): deselect first.
            await DeselectAsync(ct);
            if ((target.Attributes & FolderAttributes.NoSelect) == 0)
            {
                await target.StatusAsync(StatusItems.Count, ct);
                if (target.Count > 0)
                {
                    return new FolderChange(FolderChangeStatus.NotEmpty, target.FullName);
                }
            }
            var children = await target.GetSubfoldersAsync(subscribedOnly: false, ct);
            if (children.Any(f => (f.Attributes & FolderAttributes.NonExistent) == 0))
            {
                return new FolderChange(FolderChangeStatus.HasSubfolders, target.FullName);
            }
            try
            {
                // Unsubscribed first, so that no ghost entry stays in other mail programs' folder lists.
                await TryUnsubscribeAsync(target, ct);
                await target.DeleteAsync(ct);
                return new FolderChange(FolderChangeStatus.Done);
            }
            catch (ImapCommandException e) when (e.Response == ImapCommandResponse.No)
            {
                _logger.LogInformation("IMAP server refused to delete a folder: {Reason}", e.ResponseText);
                return new FolderChange(FolderChangeStatus.Refused, target.FullName);
            }
        }, cancellationToken);

    private static IMailFolder PersonalRoot(ImapClient client) =>
        client.GetFolder(client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', ""));

    // The inbox and every special-use folder, known by its attribute or as MailKit's special folder of that kind.
    private static bool IsProtected(IMailFolder folder, ImapClient client)
    {
        if (SpecialOf(folder, client) != SpecialFolder.None)
        {
            return true;
        }
        if (!client.Capabilities.HasFlag(ImapCapabilities.SpecialUse) && !client.Capabilities.HasFlag(ImapCapabilities.XList))
        {
            return false;
        }
        MailKit.SpecialFolder[] kinds = [MailKit.SpecialFolder.Drafts, MailKit.SpecialFolder.Sent, MailKit.SpecialFolder.Trash,
            MailKit.SpecialFolder.Junk, MailKit.SpecialFolder.Archive, MailKit.SpecialFolder.All, MailKit.SpecialFolder.Flagged, MailKit.SpecialFolder.Important];
        return kinds.Any(kind => client.GetFolder(kind) is { } special && string.Equals(special.FullName, folder.FullName, StringComparison.Ordinal));
    }

    // Subscriptions are a courtesy to other mail programs: a server that refuses them does not make the change fail.
    private async Task TrySubscribeAsync(IMailFolder folder, CancellationToken ct)
    {
        try
        {
            await folder.SubscribeAsync(ct);
        }
        catch (ImapCommandException e)
        {
            _logger.LogDebug(e, "Subscribing to {Folder} was refused", folder.FullName);
        }
    }

    private async Task TryUnsubscribeAsync(IMailFolder folder, CancellationToken ct)
    {
        try
        {
            await folder.UnsubscribeAsync(ct);
        }
        catch (ImapCommandException e)
        {
            _logger.LogDebug(e, "Unsubscribing from {Folder} was refused", folder.FullName);
        }
    }
}

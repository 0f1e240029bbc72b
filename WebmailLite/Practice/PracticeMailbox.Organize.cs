using WebmailLite.Mail;

namespace WebmailLite.Practice;

public sealed partial class PracticeMailbox
{
    public Task<int?> SetFlagAsync(string folder, IReadOnlyCollection<uint> uids, MessageFlag flag, bool value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.SetFlag(Identifier, folder, uids, flag, value));
    }

    public Task<MoveOutcome> MoveAsync(string folder, IReadOnlyCollection<uint> uids, string destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Move(Identifier, folder, uids, destination));
    }

    public Task<MoveOutcome> MoveToSpecialAsync(string folder, IReadOnlyCollection<uint> uids, SpecialFolder destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.MoveToSpecial(Identifier, folder, uids, destination));
    }

    public Task<int?> DeletePermanentlyAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Delete(Identifier, folder, uids));
    }

    public Task<int?> EmptyFolderAsync(string folder, uint upToUid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Empty(Identifier, folder, upToUid));
    }

    public Task<IReadOnlyList<MessageSummary>> GetSummariesAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.FindSummaries(Identifier, folder, uids));
    }

    public Task<FolderChange> CreateFolderAsync(string? parent, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.CreateFolder(Identifier, parent, name));
    }

    public Task<FolderChange> RenameFolderAsync(string folder, string newName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.RenameFolder(Identifier, folder, newName));
    }

    public Task<FolderChange> DeleteFolderAsync(string folder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.DeleteFolder(Identifier, folder));
    }
}

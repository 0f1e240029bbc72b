namespace WebmailLite.Mail;

// Changes to a mailbox: flags, moving, deleting, and the person's own folders. Implemented by both mailboxes
// (Imap.ImapMailbox and the practice mailbox); one contract test suite runs against both.
// Messages are addressed by folder full name and UIDs. UIDs that no longer exist (moved from another device in the
// meantime) are skipped, not an error: the counts returned say how many messages were really changed. Failures of
// the mail service surface as MailUnavailableException.
public partial interface IMailbox
{
    /// <summary>Sets or clears <paramref name="flag"/> on the messages. Returns how many of them exist; <c>null</c> when the folder does not.</summary>
    Task<int?> SetFlagAsync(string folder, IReadOnlyCollection<uint> uids, MessageFlag flag, bool value, CancellationToken cancellationToken);

    /// <summary>Moves the messages to the folder <paramref name="destination"/> (IMAP MOVE where the server has it).</summary>
    Task<MoveOutcome> MoveAsync(string folder, IReadOnlyCollection<uint> uids, string destination, CancellationToken cancellationToken);

    /// <summary>Moves the messages to the special-use folder <paramref name="destination"/>: Corbeille to delete, Indésirables to report junk.</summary>
    Task<MoveOutcome> MoveToSpecialAsync(string folder, IReadOnlyCollection<uint> uids, SpecialFolder destination, CancellationToken cancellationToken);

    /// <summary>Deletes the messages for good (UID EXPUNGE). Returns how many were deleted; <c>null</c> when the folder does not exist.</summary>
    Task<int?> DeletePermanentlyAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes for good every message of the folder whose UID is at most <paramref name="upToUid"/>, the newest one the
    /// person saw on the confirmation page: mail arriving after they confirmed is kept. <c>null</c> when the folder does not exist.
    /// </summary>
    Task<int?> EmptyFolderAsync(string folder, uint upToUid, CancellationToken cancellationToken);

    /// <summary>The list rows of these messages, newest first, without changing their flags (for confirmation pages).</summary>
    Task<IReadOnlyList<MessageSummary>> GetSummariesAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a folder named <paramref name="name"/> under <paramref name="parent"/> (<c>null</c>: at the top). The name
    /// is checked again with <see cref="FolderNameRules"/>; a sibling with the same name, whatever its case, is refused.
    /// </summary>
    Task<FolderChange> CreateFolderAsync(string? parent, string name, CancellationToken cancellationToken);

    /// <summary>Renames the folder in place (same parent); its subfolders follow. Special-use folders are refused.</summary>
    Task<FolderChange> RenameFolderAsync(string folder, string newName, CancellationToken cancellationToken);

    /// <summary>Deletes an empty folder without subfolders. Special-use folders, non-empty folders and parents are refused.</summary>
    Task<FolderChange> DeleteFolderAsync(string folder, CancellationToken cancellationToken);
}

public enum MessageFlag
{
    /// <summary>Read (IMAP <c>\Seen</c>).</summary>
    Seen,

    /// <summary>Followed, « suivi » (IMAP <c>\Flagged</c>).</summary>
    Flagged,
}

public enum MoveStatus
{
    Done,
    FolderNotFound,
    DestinationNotFound,

    /// <summary>Source and destination are the same folder: nothing to do.</summary>
    SameFolder,
}

/// <summary>What a move did. <see cref="Destination"/> is the destination's full name when it exists.</summary>
public sealed record MoveOutcome(MoveStatus Status, int Moved, string? Destination)
{
    public static MoveOutcome FolderNotFound { get; } = new(MoveStatus.FolderNotFound, 0, null);
    public static MoveOutcome DestinationNotFound { get; } = new(MoveStatus.DestinationNotFound, 0, null);
}

public enum FolderChangeStatus
{
    Done,
    NotFound,
    InvalidName,
    AlreadyExists,

    /// <summary>A special-use folder (inbox, drafts, sent, trash, junk, archive): never renamed nor deleted.</summary>
    Protected,
    NotEmpty,
    HasSubfolders,

    /// <summary>The server said no for a reason of its own (its message is logged, not shown).</summary>
    Refused,
}

/// <summary>What a folder change did. <see cref="FullName"/> is the folder's full name after the change, when it exists.</summary>
public sealed record FolderChange(FolderChangeStatus Status, string? FullName = null)
{
    public static FolderChange NotFound { get; } = new(FolderChangeStatus.NotFound);
    public static FolderChange Protected { get; } = new(FolderChangeStatus.Protected);
}

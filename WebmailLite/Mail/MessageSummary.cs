namespace WebmailLite.Mail;

/// <summary>One row of a message list: what the envelope, flags and body structure say, nothing more.</summary>
public sealed record MessageSummary(
    uint Uid,
    string FromName,
    string FromAddress,
    string Subject,
    DateTimeOffset Date,
    long Size,
    bool Seen,
    bool Flagged,
    bool HasAttachments);

/// <summary>One page of a folder, newest first.</summary>
public sealed record MessageListPage(MailFolder Folder, int Page, int PageCount, IReadOnlyList<MessageSummary> Messages);

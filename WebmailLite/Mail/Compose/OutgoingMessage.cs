using MimeKit;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// What the compose form holds, checked and cleaned: the one shape from which both a sent message and (later) a
/// draft are built, so that the two never differ.
/// </summary>
public sealed record OutgoingMessage(
    MailboxAddress From,
    IReadOnlyList<MailboxAddress> To,
    IReadOnlyList<MailboxAddress> Cc,
    IReadOnlyList<MailboxAddress> Bcc,
    string Subject,
    string Body,
    IReadOnlyList<OutgoingAttachment> Attachments,
    string? InReplyTo = null,
    IReadOnlyList<string>? References = null);

public sealed record OutgoingAttachment(string FileName, string ContentType, byte[] Content);

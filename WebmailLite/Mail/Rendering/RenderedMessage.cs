namespace WebmailLite.Mail.Rendering;

/// <summary>
/// What the message page shows. Exactly one of <see cref="TextBody"/> and <see cref="HtmlBody"/> is non-null:
/// the text/plain body whenever the message has a non-empty one (shown HTML-encoded, <c>white-space: pre-wrap</c>),
/// otherwise the sanitized HTML body, otherwise an empty <see cref="TextBody"/>.
/// </summary>
/// <param name="Subject">The subject, empty when there is none.</param>
/// <param name="From">The From mailboxes (groups flattened).</param>
/// <param name="To">The To mailboxes (groups flattened).</param>
/// <param name="Cc">The Cc mailboxes (groups flattened).</param>
/// <param name="Date">The Date header, <c>null</c> when absent or unreadable.</param>
/// <param name="TextBody">Plain text, to be HTML-encoded by the page.</param>
/// <param name="HtmlBody">Sanitized HTML, safe to write raw into the page.</param>
/// <param name="HasBlockedRemoteContent">Remote images were removed because remote content was not allowed.</param>
/// <param name="Attachments">Parts offered for download, in message order.</param>
/// <param name="IsDamaged">
/// Parsing or decoding problems were met; the page then says « Ce message est peut-être endommagé : voici ce qui a
/// pu être lu. »
/// </param>
/// <param name="BodyPage">The page of the body shown, from 1; <see cref="BodyPageCount"/> + 1 when the page asked for does not exist.</param>
/// <param name="BodyPageCount">How many pages the body has (<see cref="MailOptions.MessagePageBytes"/> of its source each).</param>
public sealed record RenderedMessage(
    string Subject,
    IReadOnlyList<RenderedAddress> From,
    IReadOnlyList<RenderedAddress> To,
    IReadOnlyList<RenderedAddress> Cc,
    DateTimeOffset? Date,
    string? TextBody,
    string? HtmlBody,
    bool HasBlockedRemoteContent,
    IReadOnlyList<AttachmentInfo> Attachments,
    bool IsDamaged,
    int BodyPage = 1,
    int BodyPageCount = 1)
{
    /// <summary>The page asked for is past the end of the body.</summary>
    public bool IsPastEnd => BodyPage > BodyPageCount;

    /// <summary>The body goes on after this page.</summary>
    public bool HasMore => BodyPage < BodyPageCount;
}

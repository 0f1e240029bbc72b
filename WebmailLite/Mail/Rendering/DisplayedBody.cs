using MimeKit;

namespace WebmailLite.Mail.Rendering;

/// <summary>The part chosen as the message body: its index in <c>BodyParts</c>, the part, and whether it is HTML.</summary>
internal sealed record DisplayedBody(int Index, TextPart Part, bool IsHtml);

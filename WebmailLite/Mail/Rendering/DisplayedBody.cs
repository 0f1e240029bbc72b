namespace WebmailLite.Mail.Rendering;

/// <summary>The part chosen as the message body: its index in <c>BodyParts</c> and its decoded text.</summary>
internal sealed record DisplayedBody(int Index, string Content, bool IsHtml);

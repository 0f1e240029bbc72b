namespace WebmailLite.Mail.Rendering;

/// <summary>
/// A decoded body part, ready to be sent. <see cref="ContentType"/> is safe to send as is (active types such as
/// HTML, SVG, XML and JavaScript come out as <c>application/octet-stream</c>). Only when
/// <see cref="MaySendInline"/> is true (a PNG, JPEG, GIF or WebP whose bytes match) may the part be served
/// inline on our origin; everything else must be sent as a download (<c>Content-Disposition: attachment</c>).
/// </summary>
public sealed record PartContent(string FileName, string ContentType, byte[] Content, bool MaySendInline);

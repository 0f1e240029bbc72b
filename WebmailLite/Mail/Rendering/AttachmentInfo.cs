namespace WebmailLite.Mail.Rendering;

/// <summary>
/// A body part offered for download. <see cref="PartIndex"/> is its index in <c>MimeMessage.BodyParts</c>;
/// <see cref="FileName"/> is already safe to show and to send; <see cref="ContentType"/> is the declared media type
/// (normalised, without parameters) and is for display only — serving uses <see cref="PartContent.ContentType"/>;
/// <see cref="Size"/> is the decoded size in bytes.
/// </summary>
public sealed record AttachmentInfo(int PartIndex, string FileName, string ContentType, long Size);

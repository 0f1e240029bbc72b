namespace WebmailLite.Mail.Rendering;

/// <summary>The result of <see cref="MailHtmlSanitizer.Sanitize"/>.</summary>
internal sealed record SanitizedHtml(string Html, bool BlockedRemoteContent);

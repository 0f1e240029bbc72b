namespace WebmailLite.Mail.Rendering;

/// <summary>The text of some HTML, and whether it stops early because the HTML passed its budget.</summary>
internal sealed record HtmlText(string Text, bool IsCut);

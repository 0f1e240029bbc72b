namespace WebmailLite.Mail.Rendering;

/// <summary>
/// An element <see cref="HtmlToText"/> has opened and not yet closed. <paramref name="IsRead"/>: opened outside
/// hidden content, so its line breaks and link address count. An empty <paramref name="Name"/> is a link (or other
/// formatting element) closed out of order while elements opened inside it stay open.
/// </summary>
internal readonly record struct HtmlOpenElement(string Name, bool IsHidden, bool IsRead, int LinkTextStart, string? Href);

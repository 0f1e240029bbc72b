namespace WebmailLite;

/// <summary>
/// Marker for the guide's page text (around the Markdown content): <c>Resources/GuideText.resx</c> (French, the
/// neutral language) and <c>Resources/GuideText.en.resx</c>.
/// </summary>
public sealed class GuideText;

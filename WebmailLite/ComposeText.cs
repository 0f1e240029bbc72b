namespace WebmailLite;

/// <summary>
/// Marker for the text of composing and sending: <c>Resources/ComposeText.resx</c> (French, the neutral language)
/// and <c>Resources/ComposeText.en.resx</c>.
/// </summary>
public sealed class ComposeText;

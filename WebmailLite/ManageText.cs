namespace WebmailLite;

/// <summary>
/// Marker for the text of managing and searching mail: <c>Resources/ManageText.resx</c> (French, the neutral
/// language) and <c>Resources/ManageText.en.resx</c>.
/// </summary>
public sealed class ManageText;

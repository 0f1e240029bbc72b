namespace WebmailLite;

/// <summary>
/// Marker for the texts of the pages about the site itself (« Plan du site », « Déclaration d'accessibilité »):
/// <c>Resources/SiteText.resx</c> (French, the neutral language) and <c>Resources/SiteText.en.resx</c>.
/// </summary>
public sealed class SiteText;

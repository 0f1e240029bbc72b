namespace WebmailLite;

/// <summary>
/// Marker for the texts of the pages about the site itself (« Plan du site », « Déclaration d'accessibilité »):
/// <c>Resources/SiteText.resx</c> (French, the neutral language) and <c>Resources/SiteText.en.resx</c>.
/// </summary>
public sealed class SiteText
{
    /// <summary>« State_Partial »: the words of a conformance state (« partiellement conforme »).</summary>
    public static string State(Accessibility.ConformanceState state) => "State_" + state;
}

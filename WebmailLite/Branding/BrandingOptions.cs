namespace WebmailLite.Branding;

/// <summary>
/// Whose service this is (configuration section <c>Branding</c>). Staff are taught to refuse a page that asks for
/// their password under a name they do not know: the page must carry the académie's own names, not the product's.
/// </summary>
public sealed class BrandingOptions
{
    public const string Section = "Branding";

    /// <summary>The service's name as staff know it. Empty: « Messagerie académique » (« Académie webmail » in English).</summary>
    public string? ServiceName { get; set; }

    /// <summary>The organisation that runs it, e.g. « Académie d'Aix-Marseille ». Empty: none shown.</summary>
    public string? Organisation { get; set; }

    /// <summary>
    /// A small SVG logo of the organisation (a file path, relative to the app's folder), shown in the header in place
    /// of the organisation's name, with that name as its text alternative. Checked at start (<see cref="BrandLogo"/>).
    /// </summary>
    public string? Logo { get; set; }

    public const int MaxNameLength = 80;
}

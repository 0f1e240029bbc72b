namespace WebmailLite.Accessibility;

/// <summary>
/// Who answers for the accessibility of this installation (configuration section <c>Accessibility</c>): the académie
/// sets its own name and contact, which the statement (<c>/accessibilite</c>) prints as they are.
/// </summary>
public sealed class AccessibilityOptions
{
    public const string Section = "Accessibility";

    /// <summary>The organisation responsible for the service, as it should read in a sentence.</summary>
    public string Organisation { get; set; } = "Rectorat de l'académie";

    /// <summary>Where to report a problem. Empty: <c>accessibilite@</c> the académie's domain (<c>Mail:AddressDomain</c>).</summary>
    public string? ContactEmail { get; set; }

    /// <summary>A postal address for the same purpose (optional; a line break is written « , »).</summary>
    public string? ContactPostalAddress { get; set; }

    /// <summary>A contact form on the académie's site (optional, https only).</summary>
    public string? ContactUrl { get; set; }
}

namespace WebmailLite.Infrastructure;

/// <summary>How dates are shown (configuration section <c>Display</c>).</summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    /// <summary>IANA time zone of the académie; mail dates and deadlines are shown in it.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";
}

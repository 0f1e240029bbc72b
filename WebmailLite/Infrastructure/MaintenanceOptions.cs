namespace WebmailLite.Infrastructure;

/// <summary>Maintenance announced by an administrator (configuration section <c>Maintenance</c>).</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>The announcement, in plain French. Empty: no maintenance.</summary>
    public string? Message { get; set; }

    /// <summary>Planned end. Once past, the banner disappears by itself.</summary>
    public DateTimeOffset? Until { get; set; }

    public bool IsActive(DateTimeOffset now) => !string.IsNullOrWhiteSpace(Message) && (Until is null || Until > now);
}

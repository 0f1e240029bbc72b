namespace WebmailLite.Mail.Compose;

/// <summary>Compose forms kept after their session ended (configuration section <c>Mail:Rescue</c>).</summary>
public sealed class ComposeRescueOptions
{
    public const string Section = "Mail:Rescue";

    /// <summary>
    /// How long a kept form waits for its owner to sign in again: long enough for « tomorrow morning », short enough
    /// that forgotten text does not linger on the server.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}

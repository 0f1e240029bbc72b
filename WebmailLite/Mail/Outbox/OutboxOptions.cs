namespace WebmailLite.Mail.Outbox;

/// <summary>How the outbox retries (configuration section <c>Mail:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Mail:Outbox";

    /// <summary>Wait before the first retry; it doubles after each failure up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryMin { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the background service looks for messages due (and for people who signed in again).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a send attempt holds its message. Within one process an attempt is never overtaken (an in-memory set
    /// guards it, however slow); the lease matters after a crash or restart: a message found « being sent » by a
    /// process that is gone is looked at again once its lease has run out — settled from Envoyés, or left to its owner,
    /// never sent again on a guess (see <see cref="OutboxSender"/>). With several instances (PostgreSQL) the lease is
    /// also all that keeps another instance off a message being sent: keep it longer than the longest attempt.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

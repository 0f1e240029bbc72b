namespace WebmailLite.Recovery;

/// <summary>Method 2's answer: the request reached the desk, or too many were sent lately.</summary>
/// <param name="Wait">The wait before the next request; <see cref="TimeSpan.Zero"/> when the ticket was opened.</param>
public sealed record TicketOutcome(TimeSpan Wait = default)
{
    public static TicketOutcome Opened { get; } = new();
}

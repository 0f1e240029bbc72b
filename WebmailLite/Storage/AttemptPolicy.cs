namespace WebmailLite.Storage;

/// <summary>
/// What one use of the <see cref="AttemptLimiter"/> allows over a sliding <paramref name="Window"/>: attempts per name
/// (an identifier, or a recipient address) and per client address. Either limit may be absent.
/// </summary>
public sealed record AttemptPolicy(TimeSpan Window, AttemptLimit? PerName, AttemptLimit? PerClient);

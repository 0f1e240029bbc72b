namespace WebmailLite.Recovery.Enrolment;

/// <param name="Wait">With <see cref="CurrentPasswordStatus.TooManyAttempts"/>: the wait before the next try.</param>
public sealed record CurrentPasswordCheck(CurrentPasswordStatus Status, TimeSpan Wait = default)
{
    /// <summary>What is known before asking the server: missing, or not checked yet.</summary>
    public static CurrentPasswordCheck Before(string? current) =>
        new(string.IsNullOrEmpty(current) ? CurrentPasswordStatus.Missing : CurrentPasswordStatus.NotChecked);
}

namespace WebmailLite.Recovery;

public sealed record ResetOutcome(ResetStatus Status, PasswordProblem? Problem = null)
{
    public static ResetOutcome Changed { get; } = new(ResetStatus.Changed);
    public static ResetOutcome NoGrant { get; } = new(ResetStatus.NoGrant);
    public static ResetOutcome Failed { get; } = new(ResetStatus.Failed);
}

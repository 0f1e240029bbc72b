namespace WebmailLite.Recovery;

/// <param name="GrantToken">With <see cref="CodeStepStatus.Granted"/>: the reset grant's token, for the browser.</param>
/// <param name="Wait">With <see cref="CodeStepStatus.TooManyAttempts"/>: the wait before the next try.</param>
public sealed record CodeOutcome(CodeStepStatus Status, string? GrantToken = null, TimeSpan Wait = default);

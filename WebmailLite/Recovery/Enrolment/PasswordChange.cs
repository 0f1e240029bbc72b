namespace WebmailLite.Recovery.Enrolment;

/// <param name="Issues">Problems with the current password (and « same as the current one »).</param>
/// <param name="NewPasswordProblem">The policy's reason for refusing the new password.</param>
public sealed record PasswordChange(PasswordChangeStatus Status, IReadOnlyList<PasswordChangeIssue> Issues, PasswordProblem? NewPasswordProblem, TimeSpan Wait = default);

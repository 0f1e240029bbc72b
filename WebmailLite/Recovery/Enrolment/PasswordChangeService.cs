using System.Net;
using WebmailLite.Accounts;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>« Changer le mot de passe » for a signed-in person, with the current one.</summary>
public sealed class PasswordChangeService(
    IAccountDirectory directory,
    PasswordPolicy policy,
    CurrentPasswordVerifier currentPassword,
    IRecoveryAudit audit,
    RecoveryService recovery)
{
    /// <summary>
    /// Changes the password of a signed-in person: the current password is checked against the mail server (a wrong
    /// one counts as a failed sign-in, so a borrowed session cannot be used to guess it), the new one against the
    /// policy; then the directory, and what follows every password change (other sessions ended, codes killed,
    /// audit, mails).
    /// </summary>
    public async Task<PasswordChange> ChangePasswordAsync(string identifier, string sessionId, string? current, string? next, IPAddress? client, CancellationToken cancellationToken)
    {
        var problems = new List<PasswordChangeIssue>();
        if (string.IsNullOrEmpty(current))
        {
            problems.Add(PasswordChangeIssue.CurrentMissing);
        }
        var policyProblem = policy.Check(next, identifier);
        if (policyProblem is null && current is not null && next == current)
        {
            problems.Add(PasswordChangeIssue.SameAsCurrent);
        }
        if (problems.Count > 0 || policyProblem is not null)
        {
            return new PasswordChange(PasswordChangeStatus.Refused, problems, policyProblem);
        }

        var check = await currentPassword.CheckAsync(identifier, current, client, AuditEvent.PasswordChanged, cancellationToken);
        switch (check.Status)
        {
            case CurrentPasswordStatus.TooManyAttempts:
                return new PasswordChange(PasswordChangeStatus.TooManyAttempts, [], null, check.Wait);
            case CurrentPasswordStatus.Wrong:
                return new PasswordChange(PasswordChangeStatus.Refused, [PasswordChangeIssue.CurrentWrong], null);
            case CurrentPasswordStatus.Unavailable:
                return new PasswordChange(PasswordChangeStatus.Unavailable, [], null);
        }

        bool written;
        try
        {
            written = await directory.SetPasswordAsync(identifier, next!, cancellationToken);
        }
        catch (DirectoryPasswordRefusedException refused)
        {
            audit.Record(identifier, AuditEvent.PasswordChanged, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: "DirectoryPolicy:" + refused.Problem);
            return new PasswordChange(PasswordChangeStatus.Refused, [], refused.Problem);
        }
        if (!written)
        {
            audit.Record(identifier, AuditEvent.PasswordChanged, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: "DirectoryRefused");
            return new PasswordChange(PasswordChangeStatus.Unavailable, [], null);
        }
        // The other sessions end here; the page then ends this one too (see ChangePasswordModel: the session still
        // holds the old password in memory for IMAP reconnects and SMTP, and signing in again proves the new one).
        await recovery.AfterPasswordChangeAsync(identifier, RecoveryMethod.SignedIn, keepSessionId: sessionId, cancellationToken);
        return new PasswordChange(PasswordChangeStatus.Changed, [], null);
    }
}

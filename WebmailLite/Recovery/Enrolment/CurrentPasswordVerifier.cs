using System.Net;
using WebmailLite.Accounts;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>
/// « Mot de passe actuel », asked by every change to how the account can be recovered or opened: a session left open on
/// a shared computer is not the account. Checked against the mail server like a sign-in (<see cref="SignInService"/>):
/// within the same limits, a wrong one counted as a failed sign-in, so that a borrowed session can neither guess it nor
/// do without it.
/// </summary>
public sealed class CurrentPasswordVerifier(SignInService signIn, IRecoveryAudit audit)
{
    /// <summary>Checks <paramref name="current"/>; a wrong one is audited under <paramref name="auditEvent"/>, the change it was meant to allow.</summary>
    public async Task<CurrentPasswordCheck> CheckAsync(string identifier, string? current, IPAddress? client, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(current))
        {
            return CurrentPasswordCheck.Before(current);
        }
        var result = await signIn.SignInAsync(identifier, current, client, cancellationToken);
        if (result.Mailbox is not null)
        {
            // Only the password was wanted: the person is already signed in with their own session.
            await result.Mailbox.CloseAsync();
        }
        switch (result.Status)
        {
            case SignInResultStatus.TooManyAttempts:
                return new CurrentPasswordCheck(CurrentPasswordStatus.TooManyAttempts, result.Wait);
            // A session's own account closed meanwhile: its password no longer opens anything.
            case SignInResultStatus.BadCredentials or SignInResultStatus.AccountClosed:
                audit.Record(identifier, auditEvent, RecoveryMethod.SignedIn, AuditOutcome.Failure, detail: "WrongCurrentPassword");
                return new CurrentPasswordCheck(CurrentPasswordStatus.Wrong);
            case SignInResultStatus.Unavailable:
            // One session too many on the mail server: not a wrong password, and the password was not shown right by a
            // session of ours either, so the change waits like with a server down.
            case SignInResultStatus.TooManySessions:
                return new CurrentPasswordCheck(CurrentPasswordStatus.Unavailable);
            case SignInResultStatus.SignedIn:
                return new CurrentPasswordCheck(CurrentPasswordStatus.Right);
            default:
                throw new InvalidOperationException($"Unexpected sign-in status {result.Status}.");
        }
    }
}

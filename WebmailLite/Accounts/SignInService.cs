using System.Net;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Accounts;

/// <summary>
/// Checks an identifier and a password against the mail server, within the limits on failed sign-ins: the sign-in
/// page, and every form that asks a signed-in person for their current password, go through here, so a password
/// can be guessed no faster one way than the other. Identifiers are counted whether or not the account exists, so
/// the limit itself reveals nothing.
/// </summary>
public sealed class SignInService(IMailService mail, AttemptLimiter limiter, IOptions<SignInThrottleOptions> options)
{
    private readonly AttemptPolicy _policy = PolicyOf(options.Value);

    /// <summary>Whether sign-in opens the embedded practice mailbox rather than a real mail server.</summary>
    public bool IsPractice => mail.IsPractice;

    /// <summary>
    /// Signs in, unless too many attempts failed lately. A right password clears the identifier's failures; a wrong one
    /// counts against the identifier and the client address. The caller owns (and disposes) the mailbox opened.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string identifier, string password, IPAddress? client, CancellationToken cancellationToken)
    {
        // Checked before contacting the server: a blocked guesser learns nothing more, right or wrong.
        var wait = limiter.WaitBefore(_policy, identifier, client);
        if (wait > TimeSpan.Zero)
        {
            return SignInResult.TooManyAttempts(wait);
        }
        var outcome = await mail.SignInAsync(identifier, password, cancellationToken);
        switch (outcome.Status)
        {
            case SignInStatus.Success:
                // Not the address's failures: others share it.
                limiter.Forget(_policy, identifier);
                return SignInResult.SignedIn(outcome.Mailbox!);
            case SignInStatus.BadCredentials:
                limiter.Record(_policy, identifier, client);
                return SignInResult.BadCredentials;
            default:
                return SignInResult.Unavailable;
        }
    }

    /// <summary>How long <paramref name="identifier"/> must wait before the next try; <see cref="TimeSpan.Zero"/> when allowed.</summary>
    public TimeSpan WaitBefore(string identifier, IPAddress? client) => limiter.WaitBefore(_policy, identifier, client);

    /// <summary>The sign-in rule in one place: failures per identifier and per client address over the window.</summary>
    private static AttemptPolicy PolicyOf(SignInThrottleOptions options) => new(
        options.Window,
        PerName: new AttemptLimit("signin:id:", options.MaxFailuresPerIdentifier),
        PerClient: new AttemptLimit("signin:ip:", options.MaxFailuresPerAddress));
}

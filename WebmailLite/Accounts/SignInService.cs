using System.Net;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Operations;
using WebmailLite.Storage;

namespace WebmailLite.Accounts;

/// <summary>
/// Checks an identifier and a password against the mail server, within the limits on failed sign-ins: the sign-in
/// page, and every form that asks a signed-in person for their current password, go through here, so a password
/// can be guessed no faster one way than the other. Identifiers are counted whether or not the account exists, so
/// the limit itself reveals nothing.
/// </summary>
/// <remarks>
/// The rule. A browser without a valid device cookie for the identifier it tries is an unknown client: its failures
/// count against the identifier and its address, and either limit reached blocks every unknown client for that
/// identifier (or from that address) until the oldest failure leaves the window. A browser with one (see
/// <see cref="DeviceTokens"/>) is counted against that cookie alone: a stranger who knows only the identifier can block
/// the unknown clients, never the owner's usual browser. Only a refusal of the credentials is a failure: a server that
/// is down, or refuses one more session, is neither counted nor told as a wrong password.
/// </remarks>
/// <param name="metrics">Counts the attempts by outcome for the operators; none in unit tests.</param>
/// <param name="accounts">The account directory, asked whether a refused account is closed (see <see cref="SignInResultStatus.AccountClosed"/>); none in unit tests.</param>
public sealed class SignInService(IMailService mail, AttemptLimiter limiter, DeviceTokens devices, IOptions<SignInThrottleOptions> options, SignInMetrics? metrics = null, IAccountDirectory? accounts = null)
{
    private readonly AttemptPolicy _unknownClient = UnknownClientPolicy(options.Value);
    private readonly AttemptPolicy _knownDevice = KnownDevicePolicy(options.Value);

    /// <summary>Whether sign-in opens the embedded practice mailbox rather than a real mail server.</summary>
    public bool IsPractice => mail.IsPractice;

    /// <summary>
    /// Checks a password for a form that is not the sign-in page (« mot de passe actuel »): always as an unknown client,
    /// so that a session borrowed on a shared computer gets no budget of its own.
    /// </summary>
    public Task<SignInResult> SignInAsync(string identifier, string password, IPAddress? client, CancellationToken cancellationToken) =>
        SignInAsync(identifier, password, new SignInClient(client), rememberDevice: false, cancellationToken);

    /// <summary>
    /// Signs in, unless too many attempts failed lately (see the rule above). A right password clears the failures it was
    /// counted under; <paramref name="rememberDevice"/> (a personal computer) then issues a device token. The caller owns
    /// (and disposes) the mailbox opened.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string identifier, string password, SignInClient client, bool rememberDevice, CancellationToken cancellationToken)
    {
        var (result, outcome) = await AttemptAsync(identifier, password, client, rememberDevice, cancellationToken);
        metrics?.Attempted(outcome);
        return result;
    }

    private async Task<(SignInResult Result, string Outcome)> AttemptAsync(string identifier, string password, SignInClient client, bool rememberDevice, CancellationToken cancellationToken)
    {
        // Forged, expired or another identifier's: an unknown client, exactly as without a cookie.
        var device = devices.DeviceOf(client.DeviceToken, identifier);
        var (policy, name, address) = device is null ? (_unknownClient, identifier, client.Address) : (_knownDevice, device, null);

        // Checked before contacting the server: a blocked guesser learns nothing more, right or wrong.
        var wait = limiter.WaitBefore(policy, name, address);
        if (wait > TimeSpan.Zero)
        {
            return (SignInResult.TooManyAttempts(wait), "too_many_attempts");
        }
        var outcome = await mail.SignInAsync(identifier, password, cancellationToken);
        switch (outcome.Status)
        {
            case SignInStatus.Success:
                // Not the address's failures: others share it. Nor, from a known device, the identifier's: what strangers
                // did from elsewhere still holds for the unknown clients.
                limiter.Forget(policy, name);
                if (accounts is not null && await SenderOfAsync(identifier, cancellationToken) is { } sender)
                {
                    outcome.Mailbox!.UseDirectorySender(sender);
                }
                return (SignInResult.SignedIn(outcome.Mailbox!, rememberDevice ? devices.Issue(identifier) : null), "success");
            case SignInStatus.BadCredentials:
                // Counted even when the password then proves a closed account: that answer is no way around the limits.
                limiter.Record(policy, name, address);
                if (await ProvesClosedAccountAsync(identifier, password, cancellationToken))
                {
                    return (SignInResult.AccountClosed, "account_closed");
                }
                return (SignInResult.BadCredentials, "bad_credentials");
            case SignInStatus.TooManySessions:
                // Dovecot says LIMIT only after the password checked out: counting it would lock the owner out for
                // having too many tabs open.
                return (SignInResult.TooManySessions, "too_many_sessions");
            default:
                return (SignInResult.Unavailable, "unavailable");
        }
    }

    /// <summary>
    /// The directory's name and address for the From. A directory that does not answer leaves the address made from
    /// the identifier: the person is signed in, and can read and write, whatever the directory does.
    /// </summary>
    private async Task<MimeKit.MailboxAddress?> SenderOfAsync(string identifier, CancellationToken cancellationToken)
    {
        try
        {
            return await accounts!.SenderAsync(identifier, cancellationToken);
        }
        catch (DirectoryUnavailableException)
        {
            return null;
        }
    }

    /// <summary>Whether the directory says the account is closed and the password is its own; a directory that does not answer says nothing.</summary>
    private async Task<bool> ProvesClosedAccountAsync(string identifier, string password, CancellationToken cancellationToken)
    {
        try
        {
            return accounts is not null && await accounts.ProvesClosedAccountAsync(identifier, password, cancellationToken);
        }
        catch (DirectoryUnavailableException)
        {
            return false;
        }
    }

    /// <summary>How long <paramref name="identifier"/> must wait before the next try from an unknown client; <see cref="TimeSpan.Zero"/> when allowed.</summary>
    public TimeSpan WaitBefore(string identifier, IPAddress? client) => limiter.WaitBefore(_unknownClient, identifier, client);

    /// <summary>Failures per identifier and per client address over the window.</summary>
    private static AttemptPolicy UnknownClientPolicy(SignInThrottleOptions options) => new(
        options.Window,
        PerName: new AttemptLimit("signin:id:", options.MaxFailuresPerIdentifier),
        PerClient: new AttemptLimit("signin:ip:", options.MaxFailuresPerAddress));

    /// <summary>
    /// Failures per device token. Not per address: a known device is one browser of one identifier, bounded by its own
    /// count, and a staff room's shared address exhausted by someone else must not block it either.
    /// </summary>
    private static AttemptPolicy KnownDevicePolicy(SignInThrottleOptions options) => new(
        options.Window,
        PerName: new AttemptLimit("signin:device:", options.MaxFailuresPerDevice),
        PerClient: null);
}

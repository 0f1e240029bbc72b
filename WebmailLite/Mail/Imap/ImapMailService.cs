using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebmailLite.Mail.Imap;

/// <param name="time">The clock of idle release (<see cref="ImapEndpoint.IdleRelease"/>); the system's by default.</param>
public sealed class ImapMailService(IOptions<MailOptions> options, ILoggerFactory loggerFactory, TimeProvider? time = null) : IMailService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ImapMailService>();

    public bool IsPractice => false;

    public async Task<SignInOutcome> SignInAsync(string identifier, string password, CancellationToken cancellationToken)
    {
        // Nothing to check: answer like a wrong password (same status whether or not the account exists) without
        // spending a connection on it.
        if (string.IsNullOrWhiteSpace(identifier) || string.IsNullOrEmpty(password))
        {
            return SignInOutcome.BadCredentials;
        }

        var settings = options.Value;
        var mailbox = new ImapMailbox(settings, identifier, password, time ?? TimeProvider.System, loggerFactory.CreateLogger<ImapMailbox>());
        try
        {
            await mailbox.SignInAsync(cancellationToken);
            return SignInOutcome.Success(mailbox);
        }
        catch (LoginRefusedException e)
        {
            await mailbox.CloseAsync();
            _logger.LogWarning("IMAP sign-in refused by {Endpoint} with [{ResponseCode}]: not a wrong password", mailbox.Endpoint, e.ResponseCode);
            return e.IsSessionLimit ? SignInOutcome.TooManySessions : SignInOutcome.Unavailable;
        }
        catch (AuthenticationException e)
        {
            await mailbox.CloseAsync();
            // Never the password; the identifier only at Debug, since Warning logs are shipped and kept longer.
            _logger.LogWarning("IMAP sign-in rejected by {Endpoint}: {ExceptionType}", mailbox.Endpoint, e.GetType().Name);
            _logger.LogDebug("IMAP sign-in rejected for identifier {Identifier}", identifier);
            return SignInOutcome.BadCredentials;
        }
        catch (Exception e) when (IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            await mailbox.CloseAsync();
            // The exception (type, message, stack) helps administrators; MailKit's messages carry no credentials.
            _logger.LogWarning(e, "IMAP sign-in could not reach {Endpoint}: {ExceptionType}", mailbox.Endpoint, e.GetType().Name);
            return SignInOutcome.Unavailable;
        }
        catch
        {
            // The caller gave up (request aborted) or a bug: release the connection and let it through.
            await mailbox.CloseAsync();
            throw;
        }
    }

    private static bool IsUnavailable(Exception e) =>
        e is SocketException or IOException or TimeoutException or SslHandshakeException
            or ImapProtocolException or ImapCommandException or ServiceNotConnectedException
            or SaslException or NotSupportedException
        // Our own connect timeout: the caller's cancellation is filtered out by the catch clause.
        || e is OperationCanceledException;
}

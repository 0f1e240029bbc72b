using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WebmailLite.Mail.Sending;

/// <summary>
/// One message, one new SMTP connection, authenticated as the person (PLAIN only when offered, as for IMAP), every
/// step bounded by <c>Mail:Timeout</c>. MailKit's exceptions become a <see cref="MailSendException"/> that says
/// whether the failure is the server's for now (the outbox tries again) or a refusal for good (back to the person).
/// </summary>
internal static class SmtpSubmission
{
    // QUIT after an accepted message is a courtesy: it must never turn a sent message into a failure.
    private static readonly TimeSpan QuitBound = TimeSpan.FromSeconds(3);

    public static async Task SendAsync(
        ServerEndpoint endpoint,
        TimeSpan timeout,
        NetworkCredential credential,
        MimeMessage message,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(endpoint.Host))
        {
            logger.LogError("No SMTP host configured (Mail:Smtp:Host): mail cannot be sent");
            throw new MailSendException(SendProblem.Unreachable);
        }

        var security = endpoint.Security switch
        {
            TransportSecurity.None => SecureSocketOptions.None,
            TransportSecurity.StartTls => SecureSocketOptions.StartTls,
            TransportSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint.Security, "Unknown transport security."),
        };
        var where = $"{endpoint.Host}:{endpoint.Port}";

        using var client = new RefusalCollectingSmtpClient { Timeout = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue) };
        try
        {
            // Certificates are validated by the operating system's trust store: no ServerCertificateValidationCallback, ever.
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(timeout);
                await client.ConnectAsync(endpoint.Host, endpoint.Port, security, connectTimeout.Token);
            }

            if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                // A submission server that offers no AUTH here (often: it wants TLS first) would relay as nobody.
                logger.LogWarning("SMTP server {Endpoint} offers no authentication; check Mail:Smtp:Security", where);
                throw new MailSendException(SendProblem.ServerError);
            }

            if (client.AuthenticationMechanisms.Contains("PLAIN"))
            {
                // One mechanism, one round trip, as for IMAP: a wrong password is then a quick answer.
                await client.AuthenticateAsync(new SaslMechanismPlain(Encoding.UTF8, credential), cancellationToken);
            }
            else
            {
                client.AuthenticationMechanisms.RemoveWhere(m => !string.Equals(m, "LOGIN", StringComparison.OrdinalIgnoreCase));
                await client.AuthenticateAsync(Encoding.UTF8, credential, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch (MailSendException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Classify(e, client.Refused) is { } failure)
        {
            // Codes and types only: the server's text can hold addresses, and message content never goes to logs.
            logger.LogWarning("SMTP submission to {Endpoint} failed: {Problem} ({ExceptionType}{Status})",
                where, failure.Problem, e.GetType().Name, e is SmtpCommandException command ? " " + (int)command.StatusCode : "");
            throw failure;
        }

        // Accepted: from here on, nothing may report a failure (the outbox would send it twice).
        try
        {
            using var quit = new CancellationTokenSource(QuitBound);
            await client.DisconnectAsync(quit: true, quit.Token);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "SMTP QUIT to {Endpoint} did not complete after the message was accepted", where);
        }
    }

    private static MailSendException? Classify(Exception e, IReadOnlyList<RefusedRecipient> refused) => e switch
    {
        SmtpCommandException command when (int)command.StatusCode is >= 500 and < 600 =>
            new MailSendException(SendProblem.Refused, command.Message, refused, command),
        SmtpCommandException command => new MailSendException(SendProblem.TemporarilyRefused, command.Message, null, command),
        AuthenticationException => new MailSendException(SendProblem.AuthenticationRefused, null, null, e),
        _ when IsTimeout(e) => new MailSendException(SendProblem.TimedOut, null, null, e),
        SocketException or SslHandshakeException or NotSupportedException => new MailSendException(SendProblem.Unreachable, null, null, e),
        SmtpProtocolException or ServiceNotConnectedException or IOException or SaslException =>
            new MailSendException(SendProblem.ServerError, null, null, e),
        _ => null,
    };

    private static bool IsTimeout(Exception e) =>
        e is TimeoutException or OperationCanceledException
        || e is SocketException { SocketErrorCode: SocketError.TimedOut }
        || e.InnerException is { } inner && IsTimeout(inner);

    /// <summary>
    /// With PIPELINING MailKit reads every RCPT answer before acting on the first refusal: recording each one here
    /// lets the person see every refused address at once, not one per attempt. Refusing still throws, so a message
    /// with one refused recipient is sent to nobody.
    /// </summary>
    private sealed class RefusalCollectingSmtpClient : SmtpClient
    {
        private readonly List<RefusedRecipient> _refused = [];

        public IReadOnlyList<RefusedRecipient> Refused => _refused;

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            if ((int)response.StatusCode is >= 500 and < 600)
            {
                _refused.Add(new RefusedRecipient(mailbox.Address, response.Response));
            }
            base.OnRecipientNotAccepted(message, mailbox, response);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Sending;

namespace WebmailLite.Tests.Mail.Sending;

/// <summary>How SMTP failures are told apart: what waits in the outbox, and how long a person waits for it.</summary>
public sealed class SmtpSubmissionTests
{
    private static MimeMessage Message()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("moi@ac-test.fr"));
        message.To.Add(MailboxAddress.Parse("toi@ac-test.fr"));
        message.Subject = "Essai";
        message.Body = new TextPart("plain") { Text = "Texte" };
        return message;
    }

    private static Task SendAsync(int port, TimeSpan timeout) => SmtpSubmission.SendAsync(
        new ServerEndpoint { Host = "127.0.0.1", Port = port, Security = TransportSecurity.None },
        timeout, new NetworkCredential("moi", "secret"), Message(), NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task ClosedPort_IsUnreachable_AtOnce()
    {
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MailSendException>(() => SendAsync(1, TimeSpan.FromSeconds(5)));

        Assert.Equal(SendProblem.Unreachable, e.Problem);
        Assert.False(e.Permanent);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task SilentServer_TimesOut_WithinTheBound()
    {
        // Accepts the connection and never says a word (no greeting).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();

        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MailSendException>(() => SendAsync(port, TimeSpan.FromSeconds(1)));
        watch.Stop();
        using var _ = await accept;

        Assert.Equal(SendProblem.TimedOut, e.Problem);
        Assert.False(e.Permanent);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }
}

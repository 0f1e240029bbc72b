using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// Certificates are validated: a server presenting a self-signed certificate is « unavailable », never silently
/// trusted with the person's password.
/// </summary>
public sealed class ImapCertificateTests
{
    [Fact]
    public async Task SignIn_ServerWithAnUntrustedCertificate_IsUnavailable_AndNoPasswordIsSent()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeOneAsync(listener, X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null));
        var options = new MailOptions
        {
            Imap = new ImapEndpoint { Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port, Security = TransportSecurity.SslOnConnect },
            Timeout = TimeSpan.FromSeconds(5),
        };

        var outcome = await new ImapMailService(Options.Create(options), NullLoggerFactory.Instance)
            .SignInAsync("jdupont", "secret-a-ne-pas-envoyer", CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        var handshakeAccepted = await server.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SignInStatus.Unavailable, outcome.Status);
        // The decisive part: the client refused the TLS handshake, so nothing (least of all the password) was sent.
        Assert.False(handshakeAccepted, "the client accepted a self-signed certificate");
    }

    // A TLS server with an untrusted certificate; true when a client went on to talk IMAP over it. The handshake
    // itself completing proves nothing: on Linux .NET checks the certificate after OpenSSL's handshake, then closes.
    private static async Task<bool> ServeOneAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var socket = await listener.AcceptSocketAsync();
        await using var network = new NetworkStream(socket, ownsSocket: true);
        await using var tls = new SslStream(network);
        try
        {
            await tls.AuthenticateAsServerAsync(certificate);
            await tls.WriteAsync(Encoding.ASCII.GetBytes("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"));
            return await tls.ReadAsync(new byte[512]) > 0;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // The client refused our certificate and closed the connection.
            return false;
        }
    }
}

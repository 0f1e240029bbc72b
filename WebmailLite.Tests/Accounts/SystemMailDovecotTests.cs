using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Mail.Sending;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Accounts;

/// <summary>System mail through the rig's real Postfix, read back from the recipient's Dovecot mailbox.</summary>
[Trait("Category", "MailServer")]
public sealed class SystemMailDovecotTests
{
    private static MimeMessage CodeMessage(string to, string subject)
    {
        var message = new MimeMessage { Subject = subject };
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Votre code : 48213907. Il est valable 15 minutes." };
        return message;
    }

    [Fact]
    public async Task TheAppsSystemMail_WithDovecotSettings_ReachesTheRecipientsInbox_FromTheSystemSender()
    {
        var server = MailServer.Instance;
        var recipient = await server.CreateAccountAsync("destinataire");
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings());
        var mail = factory.Services.GetRequiredService<ISystemMail>();
        var directory = factory.Services.GetRequiredService<IAccountDirectory>();
        var subject = "Code de vérification " + Guid.NewGuid().ToString("N")[..8];

        var address = await directory.AccountAddressAsync(recipient.Identifier, CancellationToken.None);
        await mail.SendAsync(CodeMessage(address!, subject), CancellationToken.None);

        var received = await server.WaitForMessageAsync(recipient, subject);
        var system = await server.SystemAccountAsync();
        Assert.Equal(recipient.Address, address);
        Assert.Equal(system.Address, received.From.Mailboxes.Single().Address);
        Assert.Equal("Messagerie académique", received.From.Mailboxes.Single().Name);
        Assert.Contains("48213907", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AWrongSystemPassword_IsAnAuthenticationRefusal()
    {
        var server = MailServer.Instance;
        var system = await server.SystemAccountAsync();
        var mail = new SmtpSystemMail(
            Options.Create(new AccountsOptions { SystemAccount = new SystemAccountOptions { Identifier = system.Identifier, Password = "pas le bon" } }),
            Options.Create(new MailOptions
            {
                Smtp = new ServerEndpoint { Host = server.SmtpHost, Port = server.SmtpPort, Security = TransportSecurity.None },
                Timeout = TimeSpan.FromSeconds(5),
                AddressDomain = server.Domain,
            }),
            NullLogger<SmtpSystemMail>.Instance);

        var error = await Assert.ThrowsAsync<MailSendException>(() => mail.SendAsync(CodeMessage(system.Address, "refus"), CancellationToken.None));

        Assert.Equal(SendProblem.AuthenticationRefused, error.Problem);
    }
}

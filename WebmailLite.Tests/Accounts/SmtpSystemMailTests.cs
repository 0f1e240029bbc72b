using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Mail.Sending;

namespace WebmailLite.Tests.Accounts;

public sealed class SmtpSystemMailTests
{
    private static SmtpSystemMail Create(AccountsOptions accounts, string? domain = "ac-test.fr") => new(
        Options.Create(accounts),
        Options.Create(new MailOptions { Smtp = new ServerEndpoint { Host = "127.0.0.1", Port = 1 }, AddressDomain = domain }),
        NullLogger<SmtpSystemMail>.Instance);

    [Fact]
    public async Task SendAsync_WithoutSystemAccount_IsRefusedWithoutConnecting()
    {
        var mail = Create(new AccountsOptions());
        var message = new MimeMessage { Subject = "Code" };
        message.To.Add(MailboxAddress.Parse("cmartin@ac-test.fr"));

        var error = await Assert.ThrowsAsync<MailSendException>(() => mail.SendAsync(message, CancellationToken.None));

        Assert.Equal(SendProblem.AuthenticationRefused, error.Problem);
    }

    [Theory]
    [InlineData("Rectorat <dane@ac-exemple.fr>", "ac-test.fr", "\"Rectorat\" <dane@ac-exemple.fr>")]
    [InlineData("dane@ac-exemple.fr", "ac-test.fr", "\"Messagerie académique\" <dane@ac-exemple.fr>")]
    [InlineData(null, "ac-test.fr", "\"Messagerie académique\" <ne-pas-repondre@ac-test.fr>")]
    public void Sender_IsTheConfiguredOne_OrNePasRepondreAtTheDomain(string? configured, string domain, string expected)
    {
        Assert.Equal(expected, Create(new AccountsOptions { SystemSender = configured }, domain).Sender.ToString());
    }

    [Fact]
    public async Task SendAsync_ANotReachableServer_IsTheUsualSendException_WithTheSystemSenderAsFrom()
    {
        var mail = Create(new AccountsOptions { SystemAccount = new SystemAccountOptions { Identifier = "ne-pas-repondre", Password = "x" } });
        var message = new MimeMessage { Subject = "Code" };
        message.From.Add(MailboxAddress.Parse("quelquun@ailleurs.fr"));
        message.To.Add(MailboxAddress.Parse("cmartin@ac-test.fr"));

        var error = await Assert.ThrowsAsync<MailSendException>(() => mail.SendAsync(message, CancellationToken.None));

        Assert.Equal(SendProblem.Unreachable, error.Problem);
        Assert.Equal(mail.Sender, Assert.Single(message.From.Mailboxes));
    }
}

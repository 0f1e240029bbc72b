using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail;

/// <summary>The sending contract against the real Dovecot and Postfix, one fresh account per test.</summary>
[Trait("Category", "MailServer")]
public sealed class ImapSendingContractTests : SendingContractTests
{
    protected override async Task<(IMailbox Mailbox, string Address)> CreateMailboxAsync()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("envoi");
        var options = ImapMailServiceTests.OptionsFor(server);
        options.Smtp = new ServerEndpoint { Host = server.SmtpHost, Port = server.SmtpPort, Security = TransportSecurity.None };
        options.AddressDomain = server.Domain;
        var outcome = await new ImapMailService(Options.Create(options), NullLoggerFactory.Instance).SignInAsync(account.Identifier, account.Password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return (outcome.Mailbox!, account.Address);
    }
}

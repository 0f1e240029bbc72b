using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail;

/// <summary>The <see cref="IMailbox"/> contract against the real Dovecot, one fresh account per test.</summary>
[Trait("Category", "MailServer")]
public sealed class ImapMailboxContractTests : MailboxContractTests
{
    protected override async Task<IMailbox> CreateMailboxAsync(IReadOnlyList<Seed> seeds)
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("contract");
        // One APPEND each, in order, so that arrival order (and UIDs) follow the seeds.
        foreach (var seed in seeds)
        {
            await server.AppendAsync(account, seed.Folder, seed.Message, seed.Seen);
        }

        var service = new ImapMailService(Options.Create(ImapMailServiceTests.OptionsFor(MailServer.Instance)), NullLoggerFactory.Instance);
        var outcome = await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return outcome.Mailbox!;
    }
}

using WebmailLite.Mail;

namespace WebmailLite.Tests.Mail;

/// <summary>The list basics of the <see cref="IMailbox"/> contract against the real Dovecot, one fresh account per test.</summary>
[Trait("Category", "MailServer")]
public sealed class ImapListBasicsContractTests : ListBasicsContractTests
{
    protected override Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds) => ContractMailboxes.ImapAsync(seeds);
}

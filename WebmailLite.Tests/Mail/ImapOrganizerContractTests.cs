using WebmailLite.Mail;

namespace WebmailLite.Tests.Mail;

/// <summary>The organizing part of the <see cref="IMailbox"/> contract against the real Dovecot, one fresh account per test.</summary>
[Trait("Category", "MailServer")]
public sealed class ImapOrganizerContractTests : OrganizerContractTests
{
    protected override Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds) => ContractMailboxes.ImapAsync(seeds);
}

using WebmailLite.Mail;
using WebmailLite.Tests.Mail;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeSearchContractTests : SearchContractTests, IDisposable
{
    private readonly PracticeContractMailboxes _mailboxes = new();

    protected override Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds) => _mailboxes.CreateAsync(seeds);

    public void Dispose() => _mailboxes.Dispose();
}

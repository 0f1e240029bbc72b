using WebmailLite.Mail;
using WebmailLite.Tests.Mail;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeSearchContractTests : SearchContractTests, IDisposable
{
    private readonly PracticeContractMailboxes _mailboxes = new();

    protected override Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds) => _mailboxes.CreateAsync(seeds);

    [Theory]
    [InlineData("eleves")]
    [InlineData("ELEVES")]
    [InlineData("helene")]
    public Task Search_AccentsDoNotMatter_InSubjectAndSender(string text) => FindsIgnoringCaseAsync(text);

    public void Dispose() => _mailboxes.Dispose();
}

using WebmailLite.Mail;
using WebmailLite.Storage;
using WebmailLite.Tests.Mail;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeSearchContractTests : SearchContractTests, IDisposable
{
    private readonly List<AppDatabase> _databases = [];

    protected override async Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds)
    {
        var (mailbox, database) = await ContractMailboxes.PracticeAsync(seeds);
        _databases.Add(database);
        return mailbox;
    }

    [Theory]
    [InlineData("eleves")]
    [InlineData("ELEVES")]
    [InlineData("helene")]
    public Task Search_AccentsDoNotMatter_InSubjectAndSender(string text) => FindsIgnoringCaseAsync(text);

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

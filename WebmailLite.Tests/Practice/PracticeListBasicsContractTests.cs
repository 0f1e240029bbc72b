using WebmailLite.Mail;
using WebmailLite.Storage;
using WebmailLite.Tests.Mail;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeListBasicsContractTests : ListBasicsContractTests, IDisposable
{
    private readonly List<AppDatabase> _databases = [];

    protected override async Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds)
    {
        var (mailbox, database) = await ContractMailboxes.PracticeAsync(seeds);
        _databases.Add(database);
        return mailbox;
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Storage;
using WebmailLite.Tests.Mail;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeSendingContractTests : SendingContractTests, IDisposable
{
    private readonly List<AppDatabase> _databases = [];

    protected override async Task<(IMailbox Mailbox, string Address)> CreateMailboxAsync()
    {
        var database = AppDatabase.InMemory();
        _databases.Add(database);
        var store = new PracticeStore(database, TimeProvider.System, iterations: 1_000);
        store.EnsureAccount("envoi", "Compte d'envoi", "envoi@ac-test.fr", "mot-de-passe");
        var outcome = await new PracticeMailService(store).SignInAsync("envoi", "mot-de-passe", CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return (outcome.Mailbox!, "envoi@ac-test.fr");
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }
}

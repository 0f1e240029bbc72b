using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Storage;
using WebmailLite.Tests.Mail;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeMailboxContractTests : MailboxContractTests, IDisposable
{
    private const string Account = "contrat";
    private const string Password = "mot-de-passe-du-contrat";

    private readonly List<AppDatabase> _databases = [];

    protected override async Task<IMailbox> CreateMailboxAsync(IReadOnlyList<Seed> seeds)
    {
        var database = AppDatabase.InMemory();
        _databases.Add(database);
        // Few PBKDF2 iterations: these tests are about the mailbox, and each one signs in.
        var store = new PracticeStore(database, TimeProvider.System, iterations: 1_000);
        store.EnsureAccount(Account, "Compte du contrat", "contrat@ac-test.fr", Password);
        foreach (var seed in seeds)
        {
            store.AddMessage(Account, FolderName(seed.Folder), seed.Message, seed.Seen);
        }

        // Through the real sign-in, as the pages get their mailbox.
        var outcome = await new PracticeMailService(store).SignInAsync(Account, Password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return outcome.Mailbox!;
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }

    private static string FolderName(string folder) => folder switch
    {
        "\\Drafts" => "Drafts",
        "\\Sent" => "Sent",
        "\\Trash" => "Trash",
        "\\Junk" => "Junk",
        "\\Archive" => "Archive",
        _ => folder,
    };
}

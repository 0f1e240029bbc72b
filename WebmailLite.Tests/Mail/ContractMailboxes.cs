using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;
using WebmailLite.Practice;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail;

/// <summary>A message to put in a fresh mailbox; folders as in <see cref="MailboxContractTests.Seed"/> ("INBOX", "\\Trash", "Projets").</summary>
public sealed record ContractSeed(string Folder, MimeMessage Message, bool Seen = false);

/// <summary>Fresh mailboxes for the contract suites of the organizer and of search: one account each, seeded in order.</summary>
public static class ContractMailboxes
{
    public static async Task<IMailbox> ImapAsync(IReadOnlyList<ContractSeed> seeds)
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("contract");
        foreach (var seed in seeds)
        {
            await server.AppendAsync(account, seed.Folder, seed.Message, seed.Seen);
        }
        return await SignInImapAsync(account);
    }

    public static async Task<IMailbox> SignInImapAsync(TestAccount account, Action<MailOptions>? configure = null)
    {
        var options = ImapMailServiceTests.OptionsFor(MailServer.Instance);
        configure?.Invoke(options);
        var service = new ImapMailService(Options.Create(options), NullLoggerFactory.Instance);
        var outcome = await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return outcome.Mailbox!;
    }

    /// <summary>A practice mailbox on its own in-memory database; the caller disposes the database.</summary>
    public static async Task<(IMailbox Mailbox, AppDatabase Database)> PracticeAsync(IReadOnlyList<ContractSeed> seeds)
    {
        const string account = "contrat";
        const string password = "mot-de-passe-du-contrat";
        var database = AppDatabase.InMemory();
        var store = new PracticeStore(database, TimeProvider.System, iterations: 1_000);
        store.EnsureAccount(account, "Compte du contrat", "contrat@ac-test.fr", password);
        foreach (var seed in seeds)
        {
            store.AddMessage(account, PracticeFolderName(seed.Folder), seed.Message, seed.Seen);
        }
        var outcome = await new PracticeMailService(store).SignInAsync(account, password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return (outcome.Mailbox!, database);
    }

    /// <summary>A plain-text message; <paramref name="padding"/> extra characters make it larger (for size order).</summary>
    public static MimeMessage Letter(
        string subject,
        string fromName = "Anne Lefèvre",
        string fromAddress = "anne.lefevre@ac-test.fr",
        string body = "Bonjour,\n\nCordialement.",
        int padding = 0,
        string to = "destinataire@ac-test.fr",
        string? cc = null,
        int day = 2)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress("", to));
        if (cc is not null)
        {
            message.Cc.Add(new MailboxAddress("", cc));
        }
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 11, day, 9, 30, 0, TimeSpan.FromHours(1));
        message.Body = new TextPart("plain") { Text = body + (padding > 0 ? "\n" + new string('x', padding) : "") };
        return message;
    }

    private static string PracticeFolderName(string folder) => folder switch
    {
        "\\Drafts" => "Drafts",
        "\\Sent" => "Sent",
        "\\Trash" => "Trash",
        "\\Junk" => "Junk",
        "\\Archive" => "Archive",
        _ => folder,
    };
}

/// <summary>Practice mailboxes for one contract test class: each on its own in-memory database, all closed with the class.</summary>
public sealed class PracticeContractMailboxes : IDisposable
{
    private readonly List<AppDatabase> _databases = [];

    public async Task<IMailbox> CreateAsync(IReadOnlyList<ContractSeed> seeds)
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

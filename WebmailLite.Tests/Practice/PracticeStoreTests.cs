using WebmailLite.Tests.Infrastructure;
using System.Text;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly PracticeStore _store;

    public PracticeStoreTests()
    {
        // Few PBKDF2 iterations except where the hash itself is under test: the other checks are about logic.
        _store = new PracticeStore(_database, new FixedTime(Now), iterations: 1_000);
        _store.EnsureAccount("anne.lefevre", "Anne Lefèvre", "anne.lefevre@ac-test.fr", "bon-mot-de-passe");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void EnsureAccount_StoresAPbkdf2Hash_NeverThePassword()
    {
        using var database = AppDatabase.InMemory();
        var store = new PracticeStore(database, TimeProvider.System);

        store.EnsureAccount("anne.lefevre", "Anne Lefèvre", "anne.lefevre@ac-test.fr", "bon-mot-de-passe");

        var account = database.Collection<PracticeStore.Account>("practice_accounts").FindById("anne.lefevre");
        Assert.Equal(PracticeStore.Pbkdf2Iterations, account.Iterations);
        Assert.True(account.Iterations >= 100_000);
        Assert.Equal(16, account.Salt.Length);
        Assert.Equal(32, account.PasswordHash.Length);
        var bson = database.Database.GetCollection("practice_accounts").FindById("anne.lefevre").ToString();
        Assert.DoesNotContain("bon-mot-de-passe", bson);
        Assert.True(store.VerifyPassword("anne.lefevre", "bon-mot-de-passe"));
    }

    [Fact]
    public void AccountsWithDifferentIterationCounts_BothVerify()
    {
        using var database = AppDatabase.InMemory();
        new PracticeStore(database, TimeProvider.System, iterations: 1_000).EnsureAccount("ancien", "Ancien", "ancien@ac-test.fr", "ancien-mdp");
        var store = new PracticeStore(database, TimeProvider.System);

        Assert.True(store.VerifyPassword("ancien", "ancien-mdp"));
        Assert.False(store.VerifyPassword("ancien", "autre"));
    }

    [Fact]
    public void EnsureAccount_Twice_KeepsTheFirstPassword()
    {
        var created = _store.EnsureAccount("anne.lefevre", "Autre", "autre@ac-test.fr", "autre-mot-de-passe");

        Assert.False(created);
        Assert.True(_store.VerifyPassword("anne.lefevre", "bon-mot-de-passe"));
        Assert.False(_store.VerifyPassword("anne.lefevre", "autre-mot-de-passe"));
        Assert.Equal("Anne Lefèvre", _store.FindAccount("anne.lefevre")!.DisplayName);
    }

    [Theory]
    [InlineData("anne.lefevre", "bon-mot-de-passe", true)]
    [InlineData("  Anne.Lefevre ", "bon-mot-de-passe", true)]
    [InlineData("anne.lefevre", "Bon-mot-de-passe", false)]
    [InlineData("anne.lefevre", "", false)]
    [InlineData("inconnu", "bon-mot-de-passe", false)]
    [InlineData("", "", false)]
    public void VerifyPassword(string identifier, string password, bool expected)
    {
        Assert.Equal(expected, _store.VerifyPassword(identifier, password));
    }

    [Fact]
    public void SetPassword_ReplacesTheOldOne()
    {
        Assert.True(_store.SetPassword("anne.lefevre", "nouveau-mot-de-passe"));

        Assert.False(_store.VerifyPassword("anne.lefevre", "bon-mot-de-passe"));
        Assert.True(_store.VerifyPassword("anne.lefevre", "nouveau-mot-de-passe"));
        Assert.False(_store.SetPassword("inconnu", "x"));
    }

    [Fact]
    public void EnsureAccount_CreatesTheSpecialFolders()
    {
        var folders = _store.GetFolders("anne.lefevre");

        Assert.Equal(
            [SpecialFolder.Inbox, SpecialFolder.Drafts, SpecialFolder.Sent, SpecialFolder.Trash, SpecialFolder.Junk, SpecialFolder.Archive],
            folders.Select(f => f.Special).Order());
        Assert.All(folders, f => Assert.Equal(0, f.Total));
    }

    [Fact]
    public void AddMessage_UidsGrowPerFolder()
    {
        var first = _store.AddMessage("anne.lefevre", "INBOX", Message("Un"), seen: false);
        var second = _store.AddMessage("anne.lefevre", "INBOX", Message("Deux"), seen: false);
        var sent = _store.AddMessage("anne.lefevre", "Sent", Message("Envoyé"), seen: true);

        Assert.Equal(1u, first);
        Assert.Equal(2u, second);
        Assert.Equal(1u, sent);
    }

    [Fact]
    public void AddMessage_UnknownFolder_CreatesAPlainFolder()
    {
        _store.AddMessage("anne.lefevre", "Projets/Sorties scolaires", Message("Devis"), seen: false);

        var folder = _store.FindFolder("anne.lefevre", "Projets/Sorties scolaires");

        Assert.NotNull(folder);
        Assert.Equal(new MailFolder("Projets/Sorties scolaires", "Sorties scolaires", SpecialFolder.None, 1, 1), folder);
    }

    [Fact]
    public void AddMessage_UnknownAccount_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _store.AddMessage("inconnu", "INBOX", Message("Perdu"), seen: false));
    }

    [Fact]
    public void Summary_CarriesTheEnvelope_WithTheSendersOffset()
    {
        var message = Message("Conseil de classe", new DateTimeOffset(2026, 11, 3, 17, 45, 0, TimeSpan.FromHours(1)));
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Voir la pièce jointe." },
            new MimePart("text", "csv") { Content = new MimeContent(new MemoryStream("a;b\r\n"u8.ToArray())), FileName = "notes.csv" },
        };
        var uid = _store.AddMessage("anne.lefevre", "INBOX", message, seen: false, flagged: true);

        var summary = _store.FindSummary("anne.lefevre", "INBOX", uid)!;

        Assert.Equal("Marc Dubois", summary.FromName);
        Assert.Equal("marc.dubois@ac-test.fr", summary.FromAddress);
        Assert.Equal("Conseil de classe", summary.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 17, 45, 0, TimeSpan.FromHours(1)), summary.Date);
        Assert.Equal(TimeSpan.FromHours(1), summary.Date.Offset);
        Assert.True(summary.Flagged);
        Assert.False(summary.Seen);
        Assert.True(summary.HasAttachments);
        Assert.Equal(_store.GetSource("anne.lefevre", "INBOX", uid)!.LongLength, summary.Size);
    }

    [Fact]
    public void AddRawMessage_WithoutDate_UsesTheArrivalTime()
    {
        var raw = Encoding.ASCII.GetBytes("From: x@ac-test.fr\r\nSubject: Sans date\r\n\r\nCorps\r\n");

        var uid = _store.AddRawMessage("anne.lefevre", "INBOX", raw, seen: false);

        Assert.Equal(Now, _store.FindSummary("anne.lefevre", "INBOX", uid)!.Date);
        Assert.Equal(raw, _store.GetSource("anne.lefevre", "INBOX", uid));
    }

    [Fact]
    public void ReadNewestFirst_StaysInsideItsFolderAndAccount()
    {
        _store.EnsureAccount("autre", "Autre", "autre@ac-test.fr", "x");
        for (var i = 1; i <= 5; i++)
        {
            _store.AddMessage("anne.lefevre", "INBOX", Message($"Anne {i}"), seen: false);
            _store.AddMessage("anne.lefevre", "Sent", Message($"Envoyé {i}"), seen: true);
            _store.AddMessage("autre", "INBOX", Message($"Autre {i}"), seen: false);
        }

        var page = _store.ReadNewestFirst("anne.lefevre", "INBOX", skip: 1, limit: 3);

        Assert.Equal(["Anne 4", "Anne 3", "Anne 2"], page.Select(m => m.Subject));
        Assert.Equal([4u, 3u, 2u], page.Select(m => m.Uid));
    }

    [Fact]
    public async Task Mailbox_InboxNameIsCaseInsensitive_OtherNamesAreExact()
    {
        _store.AddMessage("anne.lefevre", "INBOX", Message("Bonjour"), seen: false);
        var mailbox = new PracticeMailbox(_store, "anne.lefevre");
        await using var closing = new MailboxClosing(mailbox);

        Assert.NotNull(await mailbox.GetMessagesAsync("inbox", 1, 25, CancellationToken.None));
        Assert.Null(await mailbox.GetMessagesAsync("sent", 1, 25, CancellationToken.None));
        _store.AddMessage("anne.lefevre", "Projets", Message("Projet"), seen: false);
        _store.AddMessage("anne.lefevre", "projets", Message("Autre projet"), seen: false);
        Assert.Equal(2, (await mailbox.GetFoldersAsync(CancellationToken.None)).Count(f => f.Special == SpecialFolder.None));
    }

    [Fact]
    public async Task Mailbox_Folders_SpecialOnesFirst_ThenByFrenchName()
    {
        foreach (var name in new[] { "Zèbre", "Écoles", "Archives personnelles", "équipe" })
        {
            _store.AddMessage("anne.lefevre", name, Message(name), seen: false);
        }
        var mailbox = new PracticeMailbox(_store, "anne.lefevre");
        await using var closing = new MailboxClosing(mailbox);

        var folders = await mailbox.GetFoldersAsync(CancellationToken.None);

        Assert.Equal(
            ["INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash", "Archives personnelles", "Écoles", "équipe", "Zèbre"],
            folders.Select(f => f.FullName));
    }

    [Fact]
    public async Task Mailbox_EmptyFolder_HasOneEmptyPage()
    {
        var mailbox = new PracticeMailbox(_store, "anne.lefevre");
        await using var closing = new MailboxClosing(mailbox);

        var page = await mailbox.GetMessagesAsync("Trash", 0, 25, CancellationToken.None);

        Assert.NotNull(page);
        Assert.Equal(1, page.Page);
        Assert.Equal(1, page.PageCount);
        Assert.Empty(page.Messages);
    }

    [Fact]
    public async Task Mailbox_OpenMarksReadOnlyThatMessage()
    {
        var first = _store.AddMessage("anne.lefevre", "INBOX", Message("Un"), seen: false);
        _store.AddMessage("anne.lefevre", "INBOX", Message("Deux"), seen: false);
        var mailbox = new PracticeMailbox(_store, "anne.lefevre");
        await using var closing = new MailboxClosing(mailbox);

        await mailbox.OpenMessageAsync("INBOX", first, CancellationToken.None);

        var inbox = _store.FindFolder("anne.lefevre", "INBOX")!;
        Assert.Equal(1, inbox.Unread);
        Assert.Null(await mailbox.PeekMessageAsync("INBOX", 3, CancellationToken.None));
    }

    private static MimeMessage Message(string subject, DateTimeOffset? date = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Marc Dubois", "marc.dubois@ac-test.fr"));
        message.To.Add(new MailboxAddress("Anne Lefèvre", "anne.lefevre@ac-test.fr"));
        message.Subject = subject;
        message.Date = date ?? Now;
        message.Body = new TextPart("plain") { Text = "Bonjour." };
        return message;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

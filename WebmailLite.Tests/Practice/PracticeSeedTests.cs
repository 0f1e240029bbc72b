using WebmailLite.Tests.Infrastructure;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Storage;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeSeedTests(PracticeSeedTests.SeededStore seeded, ITestOutputHelper output) : IClassFixture<PracticeSeedTests.SeededStore>
{
    private static readonly string[] CamillesFolders =
        ["INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash", PracticeSeed.CouncilsFolder, PracticeSeed.TripsFolder];

    [Fact]
    public void Camille_HasAboutFortyMessages_InEveryFolder()
    {
        var folders = seeded.Store.GetFolders(PracticeSeed.Identifier);

        Assert.InRange(folders.Sum(f => f.Total), 38, 48);
        Assert.Equal(CamillesFolders.Order(), folders.Select(f => f.FullName).Order());
        Assert.All(folders, f => Assert.True(f.Total > 0, $"{f.FullName} is empty"));
        Assert.True(folders.Single(f => f.Special == SpecialFolder.Inbox).Total >= 20);
    }

    [Fact]
    public void Camille_Inbox_MixesUnreadReadAndFlagged()
    {
        var inbox = seeded.Messages.Where(m => m.Account == PracticeSeed.Identifier && m.Folder == "INBOX").ToList();

        Assert.InRange(inbox.Count(m => !m.Summary.Seen), 4, inbox.Count / 2);
        Assert.Contains(inbox, m => m.Summary.Seen);
        Assert.InRange(inbox.Count(m => m.Summary.Flagged), 2, 6);
    }

    [Fact]
    public void Julien_HasAHandfulOfMessages()
    {
        var folders = seeded.Store.GetFolders(PracticeSeed.SecondIdentifier);

        Assert.InRange(folders.Sum(f => f.Total), 4, 10);
        Assert.True(folders.Single(f => f.FullName == "INBOX").Unread > 0);
        Assert.True(folders.Single(f => f.FullName == "Sent").Total > 0);
    }

    [Fact]
    public void EveryMessage_ParsesWithMimeKit_AndHasSomethingToRead()
    {
        Assert.All(seeded.Messages, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Message.Subject));
            Assert.False(string.IsNullOrWhiteSpace(m.Message.TextBody ?? m.Message.HtmlBody), m.Message.Subject);
            Assert.Equal(m.Summary.Subject, m.Message.Subject);
            Assert.Equal(m.Summary.HasAttachments, m.Message.Attachments.Any());
        });
    }

    [Fact]
    public void ExactlyOneMessage_IsHtmlOnly_WithRemoteImages()
    {
        var remote = seeded.Messages
            .Where(m => m.Message.TextBody is null && m.Message.HtmlBody?.Contains("<img src=\"https://", StringComparison.Ordinal) == true)
            .ToList();

        var single = Assert.Single(remote);
        Assert.Equal("INBOX", single.Folder);
        Assert.False(single.Summary.Seen);
    }

    [Fact]
    public void SomeMessages_AreHtmlOnly_WithTablesAndLinks()
    {
        var htmlOnly = seeded.Messages.Where(m => m.Message.TextBody is null && m.Message.HtmlBody is not null).ToList();

        Assert.True(htmlOnly.Count >= 4);
        Assert.Contains(htmlOnly, m => m.Message.HtmlBody!.Contains("<table", StringComparison.Ordinal));
        Assert.Contains(htmlOnly, m => m.Message.HtmlBody!.Contains("<a href=", StringComparison.Ordinal));
        Assert.Contains(seeded.Messages, m => m.Message.Body is MultipartAlternative);
    }

    [Fact]
    public void OneMessage_ShowsAnInlineCidImage_FromMultipartRelated()
    {
        var withCid = Assert.Single(seeded.Messages, m => m.Message.HtmlBody?.Contains("src=\"cid:", StringComparison.Ordinal) == true);
        var related = Assert.IsType<MultipartRelated>(withCid.Message.Body);
        var image = related.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("image", "png"));

        Assert.Contains("cid:" + image.ContentId, withCid.Message.HtmlBody);
        Assert.True(IsPng(Decode(image)));
        Assert.False(withCid.Summary.HasAttachments);
    }

    [Fact]
    public void SeveralMessages_HaveAttachments_OfTheUsualKinds()
    {
        var attachments = seeded.Messages.SelectMany(m => m.Message.Attachments.OfType<MimePart>()).ToList();
        var extensions = attachments.Select(a => Path.GetExtension(a.FileName)).ToHashSet();

        Assert.True(seeded.Messages.Count(m => m.Summary.HasAttachments) >= 6);
        Assert.Superset(new HashSet<string?> { ".pdf", ".txt", ".ics", ".png", ".csv" }, extensions);
        Assert.All(attachments.Where(a => a.FileName?.EndsWith(".pdf", StringComparison.Ordinal) == true).Select(Decode), pdf =>
        {
            Assert.StartsWith("%PDF-1.4", System.Text.Encoding.Latin1.GetString(pdf, 0, 8));
            Assert.EndsWith("%%EOF\n", System.Text.Encoding.Latin1.GetString(pdf));
        });
        Assert.All(attachments.Where(a => a.FileName?.EndsWith(".png", StringComparison.Ordinal) == true).Select(Decode), png => Assert.True(IsPng(png)));
        var ics = System.Text.Encoding.UTF8.GetString(Decode(attachments.Single(a => a.FileName?.EndsWith(".ics", StringComparison.Ordinal) == true)));
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.Contains("SUMMARY:Conseil pédagogique", ics);
    }

    [Fact]
    public void TheMalformedMessage_StillOpens_WithReadableText()
    {
        var malformed = Assert.Single(seeded.Messages, m => m.Message.Headers[HeaderId.XMailer]?.StartsWith("Logiciel de vie scolaire", StringComparison.Ordinal) == true);

        Assert.Contains("permanences", malformed.Message.Subject);
        Assert.Contains("Ce message a été généré automatiquement", malformed.Message.TextBody);
        Assert.Contains("Permanences de Mme Martin", malformed.Message.TextBody);
        Assert.Single(malformed.Message.Attachments);
        Assert.False(malformed.Summary.Seen);
    }

    [Fact]
    public void Folders_ListNewestFirst_AndEveryDateIsInThePast()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var folder in seeded.Messages.GroupBy(m => (m.Account, m.Folder)))
        {
            var dates = folder.Select(m => m.Summary.Date).ToList();
            Assert.Equal(dates.OrderByDescending(d => d), dates);
        }
        Assert.All(seeded.Messages, m => Assert.InRange(m.Summary.Date, now.AddDays(-45), now.AddMinutes(1)));
    }

    [Fact]
    public void TheWholeSeed_IsSmall()
    {
        var bytes = seeded.Messages.Sum(m => m.Summary.Size);
        output.WriteLine($"{seeded.Messages.Count} messages, {bytes} bytes");

        Assert.True(bytes < 300_000, $"{bytes} bytes");
    }

    [Fact]
    public void EveryLetterInTheManifest_Loads_AndTheSeedKeepsItsCountPerFolder()
    {
        // Counted from PracticeSeed.cs when the letters were still C# literals (commit d04ec97), before they became
        // files: moving them to Practice/Letters/ must not lose, add or move a single one.
        var countsWhenTheLettersWereCode = new Dictionary<string, int>
        {
            ["camille.martin/INBOX"] = 27,
            ["camille.martin/Sent"] = 5,
            ["camille.martin/Drafts"] = 2,
            ["camille.martin/Archive"] = 3,
            ["camille.martin/Junk"] = 2,
            ["camille.martin/Trash"] = 1,
            ["camille.martin/" + PracticeSeed.CouncilsFolder] = 2,
            ["camille.martin/" + PracticeSeed.TripsFolder] = 2,
            ["julien.bernard/INBOX"] = 5,
            ["julien.bernard/Sent"] = 1,
            ["julien.bernard/Drafts"] = 0,
            ["julien.bernard/Archive"] = 0,
            ["julien.bernard/Junk"] = 0,
            ["julien.bernard/Trash"] = 0,
        };
        var files = PracticeLetters.ReadEmbedded();

        var letters = PracticeLetters.Load(files, [PracticeSeed.Identifier, PracticeSeed.SecondIdentifier]);

        Assert.Equal(countsWhenTheLettersWereCode.Values.Sum(), letters.Count);
        Assert.Equal(countsWhenTheLettersWereCode.Values.Sum(), PracticeLetters.Embedded.Count);
        // A file that no letter names is a letter someone forgot to list (or a leftover): say so.
        Assert.Equal(
            files.Keys.Where(f => f != PracticeLetters.ManifestName).Order(StringComparer.Ordinal),
            letters.SelectMany(l => l.Files).Distinct().Order(StringComparer.Ordinal));
        var seededCounts = new[] { PracticeSeed.Identifier, PracticeSeed.SecondIdentifier }
            .SelectMany(account => seeded.Store.GetFolders(account).Select(f => (Key: account + "/" + f.FullName, f.Total)))
            .ToDictionary(f => f.Key, f => f.Total);
        Assert.Equal(countsWhenTheLettersWereCode.OrderBy(c => c.Key, StringComparer.Ordinal), seededCounts.OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void TheSmallestManifest_Loads_SoThatTheBrokenOnesBelowFailForWhatTheyBreak()
    {
        var letter = Assert.Single(PracticeLetters.Load(Letters(SmallestManifest), [PracticeSeed.Identifier]));

        var message = letter.ToMessage(new PracticeSeedClock(DateTimeOffset.UtcNow));
        Assert.Equal("Essai", message.Subject);
        Assert.Equal("Bonjour Camille,\n", message.TextBody);
        Assert.Equal("001.seed@" + PracticeSeed.Domain, message.MessageId);
    }

    [Theory]
    [InlineData("\"time\": \"08:30\"", "\"time\": \"25:61\"", "essai/lettre.txt", "25:61")]
    [InlineData("\"from\": \"marc\"", "\"from\": \"personne\"", "essai/lettre.txt", "personne")]
    [InlineData("\"account\": \"camille.martin\"", "\"account\": \"camille\"", "essai/lettre.txt", "camille")]
    [InlineData("\"daysAgo\": 1", "\"daysAgo\": -1", "essai/lettre.txt", "daysAgo")]
    [InlineData("\"text\": \"essai/lettre.txt\"", "\"text\": \"essai/absente.txt\"", "essai/absente.txt", "absente.txt")]
    [InlineData("\"text\": \"essai/lettre.txt\"", "\"text\": \"essai/lettre.txt\", \"inline\": [{ \"file\": \"essai/lettre.txt\", \"type\": \"image/png\", \"contentId\": \"x@y\" }]", "essai/lettre.txt", "inline")]
    [InlineData("\"values\": { \"firstName\": \"Camille\" }", "\"values\": { \"prenom\": \"Camille\" }", "essai/lettre.txt", "{{firstName}}")]
    [InlineData("\"subject\": \"Essai\"", "\"subjet\": \"Essai\"", "letters.json", "$.letters[0].subjet | LineNumber: 10")]
    [InlineData("\"subject\": \"Essai\",", "\"subject\": \"Essai\"", "letters.json", "LineNumber")]
    public void AMalformedManifestEntry_FailsLoudly_NamingItsFile(string valid, string broken, string file, string detail)
    {
        Assert.Contains(valid, SmallestManifest);
        var files = Letters(SmallestManifest.Replace(valid, broken, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => PracticeLetters.Load(files, [PracticeSeed.Identifier]));

        output.WriteLine(error.Message);
        Assert.StartsWith(PracticeLetters.ManifestName, error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALetterFileThatIsNotUtf8_FailsLoudly_NamingIt()
    {
        var files = new Dictionary<string, byte[]>(Letters(SmallestManifest))
        {
            ["essai/lettre.txt"] = System.Text.Encoding.Latin1.GetBytes("Bonjour Hélène,\n"),
        };

        var error = Assert.Throws<InvalidDataException>(() => PracticeLetters.Load(files, [PracticeSeed.Identifier]));

        Assert.Contains("essai/lettre.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    private const string SmallestManifest = """
        // A comment, as in the real manifest.
        {
          "people": {
            "camille": { "name": "Camille Martin", "address": "camille.martin@ac-entrainement.fr" },
            "marc": { "name": "Marc Dubois", "address": "marc.dubois@ac-entrainement.fr" }
          },
          "letters": [
            {
              "account": "camille.martin", "folder": "INBOX", "daysAgo": 1, "time": "08:30",
              "from": "marc", "to": ["camille"],
              "subject": "Essai",
              "text": "essai/lettre.txt", "values": { "firstName": "Camille" }
            }
          ]
        }
        """;

    private static Dictionary<string, byte[]> Letters(string manifest) => new(StringComparer.Ordinal)
    {
        [PracticeLetters.ManifestName] = System.Text.Encoding.UTF8.GetBytes(manifest),
        ["essai/lettre.txt"] = "Bonjour {{firstName}},"u8.ToArray(),
    };

    [Fact]
    public void SeedingTwice_DoesNotDuplicate()
    {
        using var database = AppDatabase.InMemory();
        var store = new PracticeStore(database, TimeProvider.System);

        var first = PracticeSeed.SeedIfEmpty(store, TimeProvider.System);
        var total = store.GetFolders(PracticeSeed.Identifier).Sum(f => f.Total);
        var second = PracticeSeed.SeedIfEmpty(store, TimeProvider.System);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(total, store.GetFolders(PracticeSeed.Identifier).Sum(f => f.Total));
    }

    [Theory]
    [InlineData(PracticeSeed.Identifier)]
    [InlineData(PracticeSeed.SecondIdentifier)]
    [InlineData("Camille.Martin")]
    public async Task SignIn_WithThePublicPassword_Succeeds(string identifier)
    {
        var outcome = await seeded.Service.SignInAsync(identifier, PracticeSeed.Password, CancellationToken.None);

        Assert.Equal(SignInStatus.Success, outcome.Status);
        var mailbox = outcome.Mailbox!;
        await using var closing = new MailboxClosing(mailbox);
        Assert.Equal(identifier.ToLowerInvariant(), mailbox.Identifier);
        Assert.True(seeded.Service.IsPractice);
    }

    [Theory]
    [InlineData(PracticeSeed.Identifier, "mauvais")]
    [InlineData(PracticeSeed.Identifier, "")]
    [InlineData("personne.inconnue", PracticeSeed.Password)]
    public async Task SignIn_WrongPasswordOrUnknownIdentifier_IsTheSameBadCredentials(string identifier, string password)
    {
        var outcome = await seeded.Service.SignInAsync(identifier, password, CancellationToken.None);

        Assert.Same(SignInOutcome.BadCredentials, outcome);
    }

    private static byte[] Decode(MimePart part)
    {
        using var memory = new MemoryStream();
        Assert.NotNull(part.Content);
        part.Content.DecodeTo(memory);
        return memory.ToArray();
    }

    private static bool IsPng(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        && bytes.AsSpan(bytes.Length - 8, 4).SequenceEqual("IEND"u8);

    public sealed record SeededMessage(string Account, string Folder, MessageSummary Summary, MimeMessage Message);

    /// <summary>Seeds once for the class: the checks only read, and PBKDF2 makes each seeding cost a fraction of a second.</summary>
    public sealed class SeededStore : IDisposable
    {
        private readonly AppDatabase _database = AppDatabase.InMemory();

        public SeededStore()
        {
            Store = new PracticeStore(_database, TimeProvider.System);
            Assert.True(PracticeSeed.SeedIfEmpty(Store, TimeProvider.System));
            Service = new PracticeMailService(Store);
            Messages = [.. ReadAll(PracticeSeed.Identifier), .. ReadAll(PracticeSeed.SecondIdentifier)];
        }

        public PracticeStore Store { get; }

        public PracticeMailService Service { get; }

        public IReadOnlyList<SeededMessage> Messages { get; }

        public void Dispose() => _database.Dispose();

        private List<SeededMessage> ReadAll(string account)
        {
            // Peeked through the mailbox (pages of 10), exactly as the pages would read them, without marking anything read.
            var mailbox = new PracticeMailbox(Store, account);
            var all = new List<SeededMessage>();
            foreach (var folder in mailbox.GetFoldersAsync(CancellationToken.None).GetAwaiter().GetResult())
            {
                for (var page = 1; ; page++)
                {
                    var list = mailbox.GetMessagesAsync(folder.FullName, page, 10, CancellationToken.None).GetAwaiter().GetResult()!;
                    foreach (var summary in list.Messages)
                    {
                        var message = mailbox.PeekMessageAsync(folder.FullName, summary.Uid, CancellationToken.None).GetAwaiter().GetResult()!;
                        all.Add(new SeededMessage(account, folder.FullName, summary, message));
                    }
                    if (page >= list.PageCount)
                    {
                        break;
                    }
                }
            }
            return all;
        }
    }
}

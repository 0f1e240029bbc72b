using WebmailLite.Tests.Infrastructure;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// The <see cref="IMailbox"/> contract. Every implementation (IMAP on the real Dovecot, practice on LiteDB)
/// derives from this class, so both behave the same for the pages.
/// </summary>
public abstract class MailboxContractTests
{
    /// <summary>A message to put in a fresh mailbox before the test runs.</summary>
    public sealed record Seed(string Folder, MimeMessage Message, bool Seen = false);

    /// <summary>
    /// A fresh, empty mailbox of its own (its own account) containing exactly <paramref name="seeds"/>, in order
    /// (the last one is the newest arrival), signed in and ready. Folder names: "INBOX" or a special use written as
    /// "\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive", or a plain folder name created on demand.
    /// </summary>
    protected abstract Task<IMailbox> CreateMailboxAsync(IReadOnlyList<Seed> seeds);

    protected static MimeMessage TextMessage(string subject, string body = "Bonjour,\n\nCordialement.", DateTimeOffset? date = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Anne Lefèvre", "anne.lefevre@ac-test.fr"));
        message.To.Add(new MailboxAddress("Destinataire", "destinataire@ac-test.fr"));
        message.Subject = subject;
        message.Date = date ?? new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.FromHours(1));
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    [Fact]
    public async Task GetFolders_InboxFirst_WithUnreadCounts()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", TextMessage("Réunion de rentrée")),
            new("INBOX", TextMessage("Conseil de classe"), Seen: true),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var folders = await mailbox.GetFoldersAsync(CancellationToken.None);

        Assert.Equal(SpecialFolder.Inbox, folders[0].Special);
        Assert.Equal(1, folders[0].Unread);
        Assert.Equal(2, folders[0].Total);
        Assert.Contains(folders, f => f.Special == SpecialFolder.Sent);
        Assert.Contains(folders, f => f.Special == SpecialFolder.Trash);
    }

    [Fact]
    public async Task GetMessages_NewestFirst_PagedWithoutLosingAny()
    {
        var seeds = Enumerable.Range(1, 7)
            .Select(i => new Seed("INBOX", TextMessage($"Message n°{i}", date: new DateTimeOffset(2026, 11, i, 8, 0, 0, TimeSpan.Zero))))
            .ToList();
        var mailbox = await CreateMailboxAsync(seeds);
        await using var closing = new MailboxClosing(mailbox);

        var first = await mailbox.GetMessagesAsync("INBOX", 1, 3, CancellationToken.None);
        var last = await mailbox.GetMessagesAsync("INBOX", 3, 3, CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(last);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(["Message n°7", "Message n°6", "Message n°5"], first.Messages.Select(m => m.Subject));
        Assert.Equal(["Message n°1"], last.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task GetMessages_PageBeyondTheEnd_IsClampedToTheLastPage()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", TextMessage("Seul message"))]);
        await using var closing = new MailboxClosing(mailbox);

        var page = await mailbox.GetMessagesAsync("INBOX", 99, 25, CancellationToken.None);

        Assert.NotNull(page);
        Assert.Equal(1, page.Page);
        Assert.Single(page.Messages);
    }

    [Fact]
    public async Task GetMessages_UnknownFolder_IsNull()
    {
        var mailbox = await CreateMailboxAsync([]);
        await using var closing = new MailboxClosing(mailbox);

        Assert.Null(await mailbox.GetMessagesAsync("N'existe pas", 1, 25, CancellationToken.None));
    }

    [Fact]
    public async Task OpenMessage_ReturnsTheMessage_AndMarksItRead()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", TextMessage("Sortie scolaire", "Départ à 8 h 15, retour à 17 h."))]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single().Uid;

        var message = await mailbox.OpenMessageAsync("INBOX", uid, CancellationToken.None);
        var after = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single();

        Assert.NotNull(message);
        Assert.Equal("Sortie scolaire", message.Subject);
        Assert.Contains("Départ à 8 h 15", message.TextBody);
        Assert.True(after.Seen);
    }

    [Fact]
    public async Task ReadMessage_ReturnsTheMessage_AndMarksItRead_UnknownIsNull()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", TextMessage("Sortie scolaire", "Départ à 8 h 15, retour à 17 h."))]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single().Uid;

        var read = await mailbox.ReadMessageAsync("INBOX", uid, 1, CancellationToken.None);
        var after = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single();

        Assert.NotNull(read);
        Assert.Equal("Sortie scolaire", read.Message.Subject);
        Assert.Contains("Départ à 8 h 15", read.Message.TextBody);
        Assert.Empty(read.Excerpts);
        Assert.True(after.Seen);
        Assert.Null(await mailbox.ReadMessageAsync("INBOX", 999_999, 1, CancellationToken.None));
        Assert.Null(await mailbox.ReadMessageAsync("N'existe pas", 1, 1, CancellationToken.None));
    }

    /// <summary>
    /// A message too large to be read whole (IMAP reads it by parts) renders exactly as the whole message does: the same
    /// pages of its body, the same attachments under the same part numbers (the part page finds them in the whole message).
    /// </summary>
    [Fact]
    public async Task ReadMessage_LargeMessage_RendersAsTheWholeMessage()
    {
        var text = string.Concat(Enumerable.Range(1, 40_000).Select(i => $"Ligne {i:D6} : élèves, décisions et suivi du conseil.\n"));
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart("html") { Text = "<p>Version HTML</p>" },
        };
        var pdf = new MimePart("application", "pdf") { FileName = "compte rendu.pdf", Content = new MimeContent(new MemoryStream(new byte[700_000])), ContentTransferEncoding = ContentEncoding.Base64 };
        var attached = new MessagePart { Message = TextMessage("Message transféré") };
        var message = TextMessage("Très long");
        message.Body = new Multipart("mixed") { alternative, pdf, attached };
        var mailbox = await CreateMailboxAsync([new("INBOX", message)]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single().Uid;
        var whole = (await mailbox.PeekMessageAsync("INBOX", uid, CancellationToken.None))!;
        var renderer = new MessageRenderer();

        var first = renderer.Render(whole, Request(1));
        Assert.InRange(first.BodyPageCount, 9, 20);
        foreach (var page in new[] { 1, 2, first.BodyPageCount, first.BodyPageCount + 1 })
        {
            var expected = renderer.Render(whole, Request(page));
            var actual = renderer.Render((await mailbox.ReadMessageAsync("INBOX", uid, page, CancellationToken.None))!, Request(page));

            Assert.Equal((expected.BodyPage, expected.BodyPageCount, expected.TextBody, expected.HtmlBody, expected.IsDamaged),
                (actual.BodyPage, actual.BodyPageCount, actual.TextBody, actual.HtmlBody, actual.IsDamaged));
            Assert.Equal(expected.Attachments.Select(a => (a.PartIndex, a.FileName, a.ContentType)), actual.Attachments.Select(a => (a.PartIndex, a.FileName, a.ContentType)));
            Assert.All(expected.Attachments.Zip(actual.Attachments), pair => Assert.InRange(pair.Second.Size, pair.First.Size * 0.98, pair.First.Size * 1.02 + 100));
        }
        Assert.Equal(["compte rendu.pdf", "Message transféré.eml"], first.Attachments.Select(a => a.FileName));
    }

    [Fact]
    public async Task CopySource_WritesTheWholeMessage_InPieces_WithoutMarkingItRead_UnknownIsFalse()
    {
        // Over 2 MB: more than one piece from IMAP.
        var message = TextMessage("Compte rendu « complet »", string.Concat(Enumerable.Range(1, 40_000).Select(i => $"Ligne {i:D6} : élèves et décisions du conseil.\n")));
        var mailbox = await CreateMailboxAsync([new("INBOX", message)]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single().Uid;
        using var written = new MemoryStream();
        var subjects = new List<string>();

        var found = await mailbox.CopySourceAsync("INBOX", uid, subject => { subjects.Add(subject); return written; }, CancellationToken.None);

        Assert.True(found);
        Assert.Equal(["Compte rendu « complet »"], subjects);
        written.Position = 0;
        var copy = MimeMessage.Load(written);
        Assert.Equal(message.Subject, copy.Subject);
        Assert.Equal(message.TextBody!.ReplaceLineEndings("\n"), copy.TextBody!.ReplaceLineEndings("\n"));
        Assert.False((await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single().Seen);
        Assert.False(await mailbox.CopySourceAsync("INBOX", 999_999, _ => throw new InvalidOperationException("not found: nothing to open"), CancellationToken.None));
        Assert.False(await mailbox.CopySourceAsync("N'existe pas", 1, _ => throw new InvalidOperationException("not found: nothing to open"), CancellationToken.None));
    }

    private static RenderRequest Request(int page) => new("INBOX", 1, false, index => $"/p/{index}", page);

    [Fact]
    public async Task PeekMessage_DoesNotMarkRead()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", TextMessage("Non lu"))]);
        await using var closing = new MailboxClosing(mailbox);
        var uid = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single().Uid;

        Assert.NotNull(await mailbox.PeekMessageAsync("INBOX", uid, CancellationToken.None));
        var after = (await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None))!.Messages.Single();

        Assert.False(after.Seen);
    }

    [Fact]
    public async Task OpenMessage_UnknownUid_IsNull()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", TextMessage("Présent"))]);
        await using var closing = new MailboxClosing(mailbox);

        Assert.Null(await mailbox.OpenMessageAsync("INBOX", 999_999, CancellationToken.None));
        Assert.Null(await mailbox.OpenMessageAsync("N'existe pas", 1, CancellationToken.None));
    }

    // ---- Added with the IMAP implementation (implementation-neutral) ----

    [Fact]
    public async Task GetMessages_EmptyFolder_HasOnePageAndNoMessages()
    {
        var mailbox = await CreateMailboxAsync([]);
        await using var closing = new MailboxClosing(mailbox);

        var page = await mailbox.GetMessagesAsync("INBOX", 3, 25, CancellationToken.None);

        Assert.NotNull(page);
        Assert.Equal(1, page.Page);
        Assert.Equal(1, page.PageCount);
        Assert.Empty(page.Messages);
        Assert.Equal(SpecialFolder.Inbox, page.Folder.Special);
        Assert.Equal(0, page.Folder.Total);
    }

    [Fact]
    public async Task GetMessages_SummaryCarriesTheEnvelopeAndFlags()
    {
        var date = new DateTimeOffset(2026, 11, 5, 14, 45, 0, TimeSpan.FromHours(1));
        var mailbox = await CreateMailboxAsync([
            new("INBOX", TextMessage("Déjà lu", date: date), Seen: true),
            new("INBOX", TextMessage("Pas encore lu", date: date)),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        Assert.NotNull(page);
        var unread = page.Messages[0];
        var read = page.Messages[1];
        Assert.Equal("Pas encore lu", unread.Subject);
        Assert.Equal("Anne Lefèvre", unread.FromName);
        Assert.Equal("anne.lefevre@ac-test.fr", unread.FromAddress);
        Assert.Equal(date, unread.Date);
        Assert.False(unread.Seen);
        Assert.False(unread.HasAttachments);
        Assert.True(unread.Size > 0);
        Assert.True(read.Seen);
        Assert.NotEqual(unread.Uid, read.Uid);
        Assert.Equal(1, page.Folder.Unread);
        Assert.Equal(2, page.Folder.Total);
    }

    [Fact]
    public async Task GetMessages_AfterOpeningOne_FolderUnreadCountGoesDown()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", TextMessage("Premier")),
            new("INBOX", TextMessage("Second")),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var before = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        await mailbox.OpenMessageAsync("INBOX", before!.Messages[0].Uid, CancellationToken.None);
        var after = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        Assert.Equal(2, before.Folder.Unread);
        Assert.Equal(1, after!.Folder.Unread);
        Assert.Equal(1, (await mailbox.GetFoldersAsync(CancellationToken.None))[0].Unread);
    }

    [Fact]
    public async Task GetFolders_SpecialAndPlainFolders_PlainOnesAfterTheSpecialOnes()
    {
        var mailbox = await CreateMailboxAsync([
            new("\\Sent", TextMessage("Compte rendu envoyé")),
            new("Réunions", TextMessage("Projet théâtre")),
            new("Réunions", TextMessage("Projet jardin"), Seen: true),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var folders = await mailbox.GetFoldersAsync(CancellationToken.None);

        var sent = Assert.Single(folders, f => f.Special == SpecialFolder.Sent);
        var reunions = Assert.Single(folders, f => f.Name == "Réunions");
        Assert.Equal(SpecialFolder.None, reunions.Special);
        Assert.Equal(1, sent.Total);
        Assert.Equal((1, 2), (reunions.Unread, reunions.Total));
        var firstPlain = folders.ToList().FindIndex(f => f.Special == SpecialFolder.None);
        Assert.All(folders.Skip(firstPlain), f => Assert.Equal(SpecialFolder.None, f.Special));

        var sentPage = await mailbox.GetMessagesAsync(sent.FullName, 1, 25, CancellationToken.None);
        Assert.Equal(["Compte rendu envoyé"], sentPage!.Messages.Select(m => m.Subject));
        Assert.Equal(SpecialFolder.Sent, sentPage.Folder.Special);
    }

    [Fact]
    public async Task PeekMessage_UnknownUidOrFolder_IsNull()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", TextMessage("Présent"))]);
        await using var closing = new MailboxClosing(mailbox);

        Assert.Null(await mailbox.PeekMessageAsync("INBOX", 999_999, CancellationToken.None));
        Assert.Null(await mailbox.PeekMessageAsync("N'existe pas", 1, CancellationToken.None));
    }
}

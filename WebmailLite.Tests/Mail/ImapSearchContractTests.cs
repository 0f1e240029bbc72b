using System.Diagnostics;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static WebmailLite.Tests.Mail.ContractMailboxes;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// The sort and search part of the <see cref="IMailbox"/> contract against the real Dovecot, then the same orders through the bounded
/// fallback used when a server has no SORT (Dovecot has it: the tests tell the mailbox to act as if it had not).
/// </summary>
[Trait("Category", "MailServer")]
public sealed class ImapSearchContractTests(ITestOutputHelper output) : SearchContractTests
{
    protected override Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds) => ContractMailboxes.ImapAsync(seeds);

    [Theory]
    [InlineData(MessageSort.Sender, new[] { "Budget du foyer", "Devoirs faits", "Cantine : menus", "Re: Absences de la 4e B" })]
    [InlineData(MessageSort.Subject, new[] { "Re: Absences de la 4e B", "Budget du foyer", "Cantine : menus", "Devoirs faits" })]
    [InlineData(MessageSort.Largest, new[] { "Re: Absences de la 4e B", "Devoirs faits", "Cantine : menus", "Budget du foyer" })]
    public async Task WithoutServerSort_SmallFolder_SortedHereFromTheKeyAlone_SameOrderAsTheServer(MessageSort sort, string[] expected)
    {
        var mailbox = await CreateMailboxAsync(FourMessages());
        await using var closing = new MailboxClosing(mailbox);
        var imap = (ImapMailbox)mailbox;
        imap.UseServerSort = false;

        var page = await imap.GetMessagesAsync("INBOX", 1, 25, sort, CancellationToken.None);
        var found = await imap.SearchAsync(new MessageSearch("Cordialement", "INBOX", sort, InText: true), 1, 25, CancellationToken.None);

        Assert.Equal(expected, page!.List.Messages.Select(m => m.Subject));
        Assert.False(page.SortRefused);
        Assert.Equal(expected, found!.Messages.Select(m => m.Message.Subject));
    }

    [Fact]
    public async Task WithoutServerSort_FolderBeyondTheLimit_NewestFirstAndSaysSo()
    {
        var mailbox = await CreateMailboxAsync(FourMessages());
        await using var closing = new MailboxClosing(mailbox);
        var imap = (ImapMailbox)mailbox;
        imap.UseServerSort = false;
        imap.SortFallbackLimit = 3;

        var page = await imap.GetMessagesAsync("INBOX", 1, 25, MessageSort.Subject, CancellationToken.None);
        var found = await imap.SearchAsync(new MessageSearch("Cordialement", "INBOX", MessageSort.Subject, InText: true), 1, 25, CancellationToken.None);

        Assert.True(page!.SortRefused);
        Assert.Equal(MessageSort.Newest, page.Sort);
        Assert.Equal(["Devoirs faits", "Budget du foyer", "Re: Absences de la 4e B", "Cantine : menus"], page.List.Messages.Select(m => m.Subject));
        Assert.True(found!.SortRefused);
        Assert.Equal("Devoirs faits", found.Messages[0].Message.Subject);
    }

    /// <summary>What the fallback costs at its limit, for the record (a figure, not a budget).</summary>
    [Fact]
    public async Task WithoutServerSort_AtTheLimit_FiguresForTheRecord()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("sortlimit");
        await server.AppendManyAsync(account, Enumerable.Range(0, ImapMailbox.DefaultSortFallbackLimit)
            .Select(i => Letter($"Sujet {(i * 7919) % 1000:D4}", $"Expéditeur {(i * 104729) % 1000:D4}", $"e{i}@ac-test.fr", padding: i % 500)));
        var mailbox = await ContractMailboxes.SignInImapAsync(account);
        await using var closing = new MailboxClosing(mailbox);
        var imap = (ImapMailbox)mailbox;

        foreach (var serverSort in new[] { true, false })
        {
            imap.UseServerSort = serverSort;
            foreach (var sort in new[] { MessageSort.Sender, MessageSort.Subject, MessageSort.Largest })
            {
                var clock = Stopwatch.StartNew();
                var page = await imap.GetMessagesAsync("INBOX", 1, 25, sort, CancellationToken.None);
                clock.Stop();
                Assert.False(page!.SortRefused);
                Assert.Equal(25, page.List.Messages.Count);
                output.WriteLine($"{(serverSort ? "SORT on the server" : "fallback (key only)")}, {sort}, {ImapMailbox.DefaultSortFallbackLimit} messages: {clock.ElapsedMilliseconds} ms");
            }
        }
        imap.UseServerSort = false;
        var bySubject = await imap.GetMessagesAsync("INBOX", 1, 25, MessageSort.Subject, CancellationToken.None);
        imap.UseServerSort = true;
        var byServer = await imap.GetMessagesAsync("INBOX", 1, 25, MessageSort.Subject, CancellationToken.None);
        Assert.Equal(byServer!.List.Messages.Select(m => m.Uid), bySubject!.List.Messages.Select(m => m.Uid));
    }

    [Fact]
    public async Task Search_AccentsIgnored_OnlyInTheNewestWindow_TheServerFindsTheRestAsTyped()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("accentwindow");
        await server.AppendManyAsync(account, [
            Letter("Réunion des élèves", "Hélène Martin", "h.martin@ac-test.fr"),
            .. Enumerable.Range(1, 5).Select(i => Letter($"Cantine {i}", "Marc Petit", "marc.petit@ac-test.fr")),
        ]);
        var narrow = await ContractMailboxes.SignInImapAsync(account, o => o.Search.AccentWindow = 5);
        await using var closingNarrow = new MailboxClosing(narrow);
        var wide = await ContractMailboxes.SignInImapAsync(account, o => o.Search.AccentWindow = 6);
        await using var closingWide = new MailboxClosing(wide);

        var outside = await narrow.SearchAsync(new MessageSearch("eleves", "INBOX"), 1, 25, CancellationToken.None);
        var asTyped = await narrow.SearchAsync(new MessageSearch("élèves", "INBOX"), 1, 25, CancellationToken.None);
        var inside = await wide.SearchAsync(new MessageSearch("helene", "INBOX"), 1, 25, CancellationToken.None);
        var everyFolder = await wide.SearchAsync(new MessageSearch("eleves", null), 1, 25, CancellationToken.None);

        Assert.Equal(0, outside!.Total);
        Assert.Equal(["Réunion des élèves"], asTyped!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Réunion des élèves"], inside!.Messages.Select(m => m.Message.Subject));
        Assert.Equal(["Réunion des élèves"], everyFolder!.Messages.Select(m => m.Message.Subject));

        // New mail moves the window (the session keeps the last one read, and must notice): the oldest leaves it.
        await server.AppendAsync(account, "INBOX", Letter("Élèves : sortie au musée", "Hélène Martin", "h.martin@ac-test.fr"));
        var afterNewMail = await wide.SearchAsync(new MessageSearch("eleves", "INBOX"), 1, 25, CancellationToken.None);
        Assert.Equal(["Élèves : sortie au musée"], afterNewMail!.Messages.Select(m => m.Message.Subject));
    }

    /// <summary>
    /// A search in the text that passes Mail:Search:BodyTimeout on the real server ends as « too long » (not as an
    /// unavailable server), and the same session then answers the next search.
    /// </summary>
    [Fact]
    public async Task Search_InText_PastTheBodyTimeout_TooLong_AndTheSessionStillWorks()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("bodytimeout");
        var filler = string.Join("\n", Enumerable.Repeat("Compte rendu du conseil d'administration, point par point.", 150));
        await server.AppendManyAsync(account, Enumerable.Range(1, 4000).Select(i => Letter($"Compte rendu {i}", body: filler)));
        var unlimited = await ContractMailboxes.SignInImapAsync(account);
        await using var closingUnlimited = new MailboxClosing(unlimited);
        var clock = Stopwatch.StartNew();
        var whole = await unlimited.SearchAsync(new MessageSearch("introuvable", "INBOX", InText: true), 1, 25, CancellationToken.None);
        var measured = clock.Elapsed;
        output.WriteLine($"Body search over 4,000 messages of {filler.Length:N0} characters: {measured.TotalMilliseconds:F0} ms");
        Assert.Equal(0, whole!.Total);
        var limit = measured / 5;
        Assert.True(limit >= TimeSpan.FromMilliseconds(20), $"The folder is too small to measure a timeout: {measured.TotalMilliseconds:F0} ms.");

        var limited = await ContractMailboxes.SignInImapAsync(account, o => o.Search.BodyTimeout = limit);
        await using var closingLimited = new MailboxClosing(limited);
        var tooLong = await Assert.ThrowsAsync<SearchTooLongException>(
            () => limited.SearchAsync(new MessageSearch("introuvable", "INBOX", InText: true), 1, 25, CancellationToken.None));
        var next = await limited.SearchAsync(new MessageSearch("Compte rendu 3999", "INBOX"), 1, 25, CancellationToken.None);

        Assert.Equal(limit, tooLong.Limit);
        Assert.Equal(["Compte rendu 3999"], next!.Messages.Select(m => m.Message.Subject));
    }
}

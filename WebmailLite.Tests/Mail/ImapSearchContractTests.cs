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
}

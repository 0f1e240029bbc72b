using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Mail.ContractMailboxes;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// « Non lus seulement », « Avec pièce jointe » and « Tout marquer comme lu »: the same answers from the real Dovecot and
/// from the practice mailbox.
/// </summary>
public abstract class ListBasicsContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<IMailbox> CreateMailboxAsync(IReadOnlyList<ContractSeed> seeds);

    private static MimeMessage WithAttachment(string subject, int day)
    {
        var message = Letter(subject, day: day);
        var body = new BodyBuilder { TextBody = "Le document est joint." };
        body.Attachments.Add("bulletin.pdf", "%PDF-1.4 test"u8.ToArray(), new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static async Task<FilteredListPage> FilteredAsync(IMailbox mailbox, MessageFilter filter, int page = 1, int pageSize = 50, MessageSort sort = MessageSort.Newest) =>
        await mailbox.GetMessagesAsync("INBOX", filter, page, pageSize, sort, None) ?? throw new Xunit.Sdk.XunitException("No INBOX");

    [Fact]
    public async Task Unread_KeepsOnlyUnreadMessages_NewestFirst_PagedOnTheMatches()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Circulaire 1", day: 1)),
            new("INBOX", Letter("Circulaire 2", day: 2), Seen: true),
            new("INBOX", Letter("Circulaire 3", day: 3)),
            new("INBOX", Letter("Circulaire 4", day: 4), Seen: true),
            new("INBOX", Letter("Circulaire 5", day: 5)),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var first = await FilteredAsync(mailbox, MessageFilter.Unread, page: 1, pageSize: 2);
        var second = await FilteredAsync(mailbox, MessageFilter.Unread, page: 2, pageSize: 2);

        Assert.Equal(3, first.Matching);
        Assert.Equal(2, first.Sorted.List.PageCount);
        Assert.Equal(["Circulaire 5", "Circulaire 3"], first.Sorted.List.Messages.Select(m => m.Subject));
        Assert.Equal(["Circulaire 1"], second.Sorted.List.Messages.Select(m => m.Subject));
        Assert.All(first.Sorted.List.Messages.Concat(second.Sorted.List.Messages), m => Assert.False(m.Seen));
        // The folder itself keeps its real counts.
        Assert.Equal(5, first.Sorted.List.Folder.Total);
        Assert.Equal(3, first.Sorted.List.Folder.Unread);
    }

    [Fact]
    public async Task Unread_InAnotherOrder_IsSortedLikeTheList()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Bravo", day: 1)),
            new("INBOX", Letter("Alpha", day: 2)),
            new("INBOX", Letter("Charlie lu", day: 3), Seen: true),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var bySubject = await FilteredAsync(mailbox, MessageFilter.Unread, sort: MessageSort.Subject);

        Assert.Equal(MessageSort.Subject, bySubject.Sorted.Sort);
        Assert.Equal(["Alpha", "Bravo"], bySubject.Sorted.List.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task WithAttachments_KeepsOnlyMessagesWithAFile()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", WithAttachment("Bulletin du 1er trimestre", day: 1)),
            new("INBOX", Letter("Sans pièce jointe", day: 2)),
            new("INBOX", WithAttachment("Emploi du temps", day: 3), Seen: true),
        ]);
        await using var closing = new MailboxClosing(mailbox);

        var found = await FilteredAsync(mailbox, MessageFilter.WithAttachments);

        Assert.Equal(2, found.Matching);
        Assert.Equal(["Emploi du temps", "Bulletin du 1er trimestre"], found.Sorted.List.Messages.Select(m => m.Subject));
        Assert.All(found.Sorted.List.Messages, m => Assert.True(m.HasAttachments));
    }

    [Fact]
    public async Task All_IsThePlainSortedList_AndAnUnknownFolderIsNull()
    {
        var mailbox = await CreateMailboxAsync([new("INBOX", Letter("Un", day: 1)), new("INBOX", Letter("Deux", day: 2), Seen: true)]);
        await using var closing = new MailboxClosing(mailbox);

        var all = await FilteredAsync(mailbox, MessageFilter.All);

        Assert.Equal(2, all.Matching);
        Assert.Equal(["Deux", "Un"], all.Sorted.List.Messages.Select(m => m.Subject));
        Assert.Null(await mailbox.GetMessagesAsync("N'existe pas", MessageFilter.Unread, 1, 25, MessageSort.Newest, None));
    }

    [Fact]
    public async Task MarkFolderRead_MarksTheUnreadUpToTheUidSeen_LaterMailStaysUnread()
    {
        var mailbox = await CreateMailboxAsync([
            new("INBOX", Letter("Avant 1", day: 1)),
            new("INBOX", Letter("Avant 2", day: 2), Seen: true),
            new("INBOX", Letter("Avant 3", day: 3)),
            new("INBOX", Letter("Arrivé après la confirmation", day: 4)),
        ]);
        await using var closing = new MailboxClosing(mailbox);
        var list = (await mailbox.GetMessagesAsync("INBOX", 1, 50, None))!.Messages;
        var seenOnThePage = list.Single(m => m.Subject == "Avant 3").Uid;

        var marked = await mailbox.MarkFolderReadAsync("INBOX", seenOnThePage, None);

        Assert.Equal(2, marked);
        var after = (await mailbox.GetMessagesAsync("INBOX", 1, 50, None))!;
        Assert.Equal(["Arrivé après la confirmation"], after.Messages.Where(m => !m.Seen).Select(m => m.Subject));
        Assert.Equal(1, after.Folder.Unread);
        Assert.Equal(0, await mailbox.MarkFolderReadAsync("INBOX", seenOnThePage, None));
        Assert.Null(await mailbox.MarkFolderReadAsync("N'existe pas", seenOnThePage, None));
    }
}

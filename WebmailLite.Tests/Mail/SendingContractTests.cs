using WebmailLite.Tests.Infrastructure;
using MimeKit;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Mail;

/// <summary>
/// The sending side of the mailbox contract (sending and appending), for both
/// implementations: the IMAP one on the real Dovecot and Postfix, the practice one on LiteDB.
/// </summary>
public abstract class SendingContractTests
{
    /// <summary>A fresh signed-in mailbox of its own account, and that account's address.</summary>
    protected abstract Task<(IMailbox Mailbox, string Address)> CreateMailboxAsync();

    private static MimeMessage Message(string from, string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = Guid.NewGuid().ToString("N") + "@ac-test.fr";
        message.Body = new TextPart("plain") { Text = "Bonjour,\n\nà jeudi." };
        return message;
    }

    private static async Task<MessageSummary?> FindAsync(IMailbox mailbox, SpecialFolder special, string subject, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var folder = (await mailbox.GetFoldersAsync(CancellationToken.None)).Single(f => f.Special == special);
            var page = await mailbox.GetMessagesAsync(folder.FullName, 1, 50, CancellationToken.None);
            var found = page!.Messages.FirstOrDefault(m => m.Subject == subject);
            if (found is not null || DateTime.UtcNow > deadline)
            {
                return found;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task SenderAddress_IsTheAccountsAddress()
    {
        var (mailbox, address) = await CreateMailboxAsync();
        await using var closing = new MailboxClosing(mailbox);

        Assert.Equal(address, mailbox.SenderAddress!.Address);
    }

    [Fact]
    public async Task Append_ToSent_IsThere_Read_WithTheUidReturned()
    {
        var (mailbox, address) = await CreateMailboxAsync();
        await using var closing = new MailboxClosing(mailbox);

        var appended = await mailbox.AppendAsync(SpecialFolder.Sent, Message(address, "x@ac-test.fr", "Copie envoyée"), AppendFlags.Seen, CancellationToken.None);

        var sent = (await mailbox.GetFoldersAsync(CancellationToken.None)).Single(f => f.Special == SpecialFolder.Sent);
        Assert.Equal(sent.FullName, appended.Folder);
        var found = await FindAsync(mailbox, SpecialFolder.Sent, "Copie envoyée", TimeSpan.Zero);
        Assert.NotNull(found);
        Assert.True(found.Seen);
        Assert.Equal(found.Uid, appended.Uid);
    }

    [Fact]
    public async Task FindSentCopy_FindsTheExactMessageId_InTheFolderCopiesGoTo_NothingForAnother()
    {
        var (mailbox, address) = await CreateMailboxAsync();
        await using var closing = new MailboxClosing(mailbox);
        var message = Message(address, "x@ac-test.fr", "Copie à retrouver");
        var id = message.MessageId!;

        Assert.Null(await mailbox.FindSentCopyAsync(id, CancellationToken.None));
        var appended = await mailbox.AppendAsync(SpecialFolder.Sent, message, AppendFlags.Seen, CancellationToken.None);

        Assert.Equal(appended.Folder, await mailbox.FindSentCopyAsync(id, CancellationToken.None));
        // IMAP's header search matches substrings: a part of the id is not the id.
        Assert.Null(await mailbox.FindSentCopyAsync(id[..10], CancellationToken.None));
        Assert.Null(await mailbox.FindSentCopyAsync(Guid.NewGuid().ToString("N") + "@ac-test.fr", CancellationToken.None));
    }

    [Fact]
    public async Task Append_ToDrafts_IsThere()
    {
        var (mailbox, address) = await CreateMailboxAsync();
        await using var closing = new MailboxClosing(mailbox);

        await mailbox.AppendAsync(SpecialFolder.Drafts, Message(address, "x@ac-test.fr", "Brouillon"), AppendFlags.Draft | AppendFlags.Seen, CancellationToken.None);

        Assert.NotNull(await FindAsync(mailbox, SpecialFolder.Drafts, "Brouillon", TimeSpan.Zero));
    }

    [Fact]
    public async Task Send_ToOneself_ArrivesInTheInbox()
    {
        var (mailbox, address) = await CreateMailboxAsync();
        await using var closing = new MailboxClosing(mailbox);

        await mailbox.SendAsync(Message(address, address, "Note à moi-même"), CancellationToken.None);

        var found = await FindAsync(mailbox, SpecialFolder.Inbox, "Note à moi-même", TimeSpan.FromSeconds(15));
        Assert.NotNull(found);
        Assert.False(found.Seen);
    }
}

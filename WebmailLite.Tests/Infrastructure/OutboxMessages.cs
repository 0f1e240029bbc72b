using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>Messages put straight into the outbox, in the state a test needs, without going through SMTP.</summary>
public static class OutboxMessages
{
    /// <summary>A short message from <paramref name="from"/> to <paramref name="to"/>, stored being sent under <paramref name="leaseOwner"/>'s lease; its id.</summary>
    public static string StoreSending(IOutboxStore store, TestAccount from, MailboxAddress to, string subject, string leaseOwner, TimeSpan lease)
    {
        var message = new MimeMessage { Subject = subject, MessageId = Guid.NewGuid().ToString("N") + "@ac-test.fr" };
        message.From.Add(MailboxAddress.Parse(from.Address));
        message.To.Add(to);
        message.Body = new TextPart("plain") { Text = "Texte." };
        using var source = new MemoryStream();
        message.WriteTo(source);
        return store.Add(from.Identifier, message, source.ToArray(), leaseOwner, lease).Id;
    }

    /// <summary>As after one failed attempt: waiting, leased by nobody, its next attempt at <paramref name="nextAttemptAt"/>; its id.</summary>
    public static string StoreWaiting(IOutboxStore store, TestAccount from, MailboxAddress to, string subject, DateTime nextAttemptAt)
    {
        var id = StoreSending(store, from, to, subject, "app-test", TimeSpan.FromMinutes(1));
        Assert.True(store.Release(id, "app-test", SendProblem.Unreachable, null, nextAttemptAt));
        return id;
    }
}

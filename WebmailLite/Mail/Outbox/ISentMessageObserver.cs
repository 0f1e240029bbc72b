using MimeKit;

namespace WebmailLite.Mail.Outbox;

/// <summary>
/// Told by <see cref="OutboxSender"/> when the sending server accepted a message (once per message, from the form or a
/// retry). Lets another feature react to a send (« Contacts » collects its recipients) without the outbox knowing it.
/// </summary>
public interface ISentMessageObserver
{
    /// <summary>Must not throw for its own failures: the message has left whatever happens here.</summary>
    Task MessageAcceptedAsync(string identifier, MimeMessage message, CancellationToken cancellationToken);
}

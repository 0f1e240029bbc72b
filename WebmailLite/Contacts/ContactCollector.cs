using MimeKit;
using WebmailLite.Mail.Outbox;
using WebmailLite.Preferences;

namespace WebmailLite.Contacts;

/// <summary>
/// Adds the people a message was sent to to their sender's « Contacts » once the sending server accepted it (not when
/// it was refused: a mistyped address must not come back as a suggestion), unless the person turned collecting off in
/// « Préférences ». Each address once, with the name typed beside it. A failure here never fails the send.
/// </summary>
public sealed class ContactCollector(IContactStore store, IPreferencesStore preferences, ILogger<ContactCollector> logger) : ISentMessageObserver
{
    public async Task MessageAcceptedAsync(string identifier, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (!(await preferences.GetAsync(identifier, cancellationToken)).CollectContacts)
            {
                return;
            }
            var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
                .Select(m => new SentRecipient(m.Name ?? "", m.Address))
                .ToList();
            if (recipients.Count > 0)
            {
                await store.CollectAsync(identifier, recipients, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Recipients of a sent message could not be added to the sender's contacts");
        }
    }
}

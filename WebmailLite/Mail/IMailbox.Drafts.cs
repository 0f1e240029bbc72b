using MimeKit;

namespace WebmailLite.Mail;

// The person's Brouillons folder (the \Drafts special use): a draft is saved there as a whole message, flagged
// \Draft, and replaced by its next version. Implemented by both mailboxes (IMAP and practice).
public partial interface IMailbox
{
    /// <summary>
    /// Appends <paramref name="message"/> to the drafts folder (created when the server has none) flagged <c>\Draft</c>
    /// and <c>\Seen</c>, then deletes the version it replaces. The new version is stored before the old one is deleted:
    /// when the deletion fails, two versions remain, never none. The UID is <c>null</c> when the server does not say.
    /// </summary>
    /// <exception cref="MailUnavailableException">The mail service failed; the new version is not known to be stored.</exception>
    Task<AppendedMessage> SaveDraftAsync(MimeMessage message, uint? replacing, CancellationToken cancellationToken);

    /// <summary>A draft of the drafts folder, parsed, flags unchanged; <c>null</c> when it does not exist (any more).</summary>
    Task<MimeMessage?> PeekDraftAsync(uint uid, CancellationToken cancellationToken);

    /// <summary>Deletes a draft for good (it was sent, or replaced). <c>false</c> when it did not exist.</summary>
    Task<bool> DeleteDraftAsync(uint uid, CancellationToken cancellationToken);
}

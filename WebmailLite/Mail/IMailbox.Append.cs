using MimeKit;

namespace WebmailLite.Mail;

// Puts a message into one of the person's special-use folders: the copy of a sent message into Envoyés, a draft
// into Brouillons. Implemented by both mailboxes (IMAP and practice); pages reach it through the session's mailbox.
public partial interface IMailbox
{
    /// <summary>
    /// Appends <paramref name="message"/> to the folder with that special use, creating it (plainly named) when the
    /// server has none. Returns where it went; the UID is <c>null</c> when the server does not say (no UIDPLUS).
    /// </summary>
    /// <exception cref="MailUnavailableException">The mail service failed; nothing is known to have been stored.</exception>
    Task<AppendedMessage> AppendAsync(SpecialFolder folder, MimeMessage message, AppendFlags flags, CancellationToken cancellationToken);

    /// <summary>
    /// The full name of the sent-mail folder when it holds a message with this Message-ID (as MimeKit gives it, without
    /// angle brackets); <c>null</c> when it holds none, or there is no such folder (never created by this). The copy in
    /// Envoyés is the one trace of a send that the app can read back: the outbox asks before sending again a message
    /// whose attempt was cut off, or copying again one whose copy may already be there.
    /// </summary>
    /// <exception cref="MailUnavailableException">The mail service failed: whether the copy is there is not known.</exception>
    Task<string?> FindSentCopyAsync(string messageId, CancellationToken cancellationToken);
}

[Flags]
public enum AppendFlags
{
    None = 0,
    Seen = 1,
    Draft = 2,
}

/// <summary>Where an appended message landed.</summary>
public sealed record AppendedMessage(string Folder, uint? Uid);

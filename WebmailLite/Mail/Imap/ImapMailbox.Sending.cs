using MimeKit;
using WebmailLite.Mail.Sending;

namespace WebmailLite.Mail.Imap;

/// <summary>Sending over SMTP with the session's own credentials, which never leave this object.</summary>
public sealed partial class ImapMailbox
{
    private MailboxAddress? _directorySender;

    public MailboxAddress? SenderAddress => _directorySender ?? SenderAddresses.For(Identifier, _options.AddressDomain);

    public void UseDirectorySender(MailboxAddress sender) => _directorySender = sender;

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        // A signed-out session must not send any more, even for a caller still holding this mailbox.
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Its own connection, not the IMAP gate: a slow send never holds up the person's page views.
        return SmtpSubmission.SendAsync(_options.Smtp, _timeout, _credential, message, _logger, cancellationToken);
    }
}

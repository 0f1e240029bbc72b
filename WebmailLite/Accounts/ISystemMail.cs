using MimeKit;

namespace WebmailLite.Accounts;

/// <summary>
/// Mail the application itself sends — recovery codes and notifications — from the address in
/// <c>Accounts:SystemSender</c>. With a mail server, it submits over SMTP with the service account of
/// <c>Accounts:SystemAccount</c>; in practice mode it delivers into the practice mailboxes.
/// </summary>
public interface ISystemMail
{
    /// <summary>The From of every system message.</summary>
    MailboxAddress Sender { get; }

    /// <summary>Sends one message (From is set to <see cref="Sender"/>).</summary>
    /// <exception cref="WebmailLite.Mail.MailSendException">Not sent.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

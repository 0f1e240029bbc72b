using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Accounts;

namespace WebmailLite.Mail.Sending;

/// <summary>
/// System mail over SMTP: the same submission routine as a person's mail (<see cref="SmtpSubmission"/>: one
/// connection per message, <c>Mail:Timeout</c> on every step, the same <see cref="MailSendException"/>s), with the
/// service account of <c>Accounts:SystemAccount</c>. Logs say what failed, never the message (it carries codes).
/// </summary>
public sealed class SmtpSystemMail : ISystemMail
{
    private readonly MailOptions _mail;
    private readonly SystemAccountOptions _account;
    private readonly ILogger<SmtpSystemMail> _logger;

    public SmtpSystemMail(IOptions<AccountsOptions> accounts, IOptions<MailOptions> mail, ILogger<SmtpSystemMail> logger, WebmailLite.Branding.ServiceBrand? brand = null)
    {
        _mail = mail.Value;
        _account = accounts.Value.SystemAccount;
        _logger = logger;
        // Validated at start when system mail is configured; the bare local part only stands in when it is not,
        // and then nothing is ever sent (see SendAsync).
        // The service's name as the pages show it (Branding:ServiceName), unless Accounts:SystemSender names one.
        var senderName = brand?.ServiceNameFrench ?? AccountsOptions.DefaultSenderName;
        Sender = SystemSenderAddress.Resolve(accounts.Value.SystemSender, _mail.AddressDomain, null, senderName)
            ?? new MailboxAddress(senderName, AccountsOptions.DefaultSenderLocalPart);
    }

    public MailboxAddress Sender { get; }

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (!_account.IsSet)
        {
            _logger.LogError("System mail cannot be sent: Accounts:SystemAccount (Identifier, Password) is not configured");
            throw new MailSendException(SendProblem.AuthenticationRefused);
        }
        message.From.Clear();
        message.From.Add(Sender);
        var credential = new NetworkCredential(_account.Identifier, _account.Password);
        return SmtpSubmission.SendAsync(_mail.Smtp, _mail.Timeout, credential, message, _logger, cancellationToken);
    }
}

using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Mail.Sending;

namespace WebmailLite.Practice;

/// <summary>
/// System mail in practice mode: delivered into the inbox of the practice account whose address it is sent to;
/// any other recipient gets nothing (nothing leaves the app), which is logged without the message or the address.
/// </summary>
public sealed class PracticeSystemMail : ISystemMail
{
    private readonly PracticeStore _store;
    private readonly ILogger<PracticeSystemMail> _logger;

    public PracticeSystemMail(PracticeStore store, IOptions<AccountsOptions> accounts, IOptions<MailOptions> mail, ILogger<PracticeSystemMail> logger, WebmailLite.Branding.ServiceBrand? brand = null)
    {
        _store = store;
        _logger = logger;
        // The service's name as the pages show it (Branding:ServiceName), unless Accounts:SystemSender names one.
        var senderName = brand?.ServiceNameFrench ?? AccountsOptions.DefaultSenderName;
        Sender = SystemSenderAddress.Resolve(accounts.Value.SystemSender, mail.Value.AddressDomain, PracticeSeed.Domain, senderName)
            ?? new MailboxAddress(senderName, AccountsOptions.DefaultSenderLocalPart + "@" + PracticeSeed.Domain);
    }

    public MailboxAddress Sender { get; }

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        message.From.Clear();
        message.From.Add(Sender);
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => m.Address).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var delivered = _store.Deliver(message);
        if (delivered < recipients)
        {
            _logger.LogInformation("Practice system mail: {Dropped} of {Recipients} recipients are not practice accounts; not delivered to them",
                recipients - delivered, recipients);
        }
        return Task.CompletedTask;
    }
}

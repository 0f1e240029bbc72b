using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;

namespace WebmailLite.Pages.Mail;

/// <summary>« En attente d'envoi »: the person's messages not sent yet, each with why, in plain words.</summary>
public sealed class OutboxModel(IMailbox mailbox, OutboxStore store) : PageModel
{
    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    public IReadOnlyList<OutboxItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = store.ListFor(mailbox.Identifier);
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
    }
}

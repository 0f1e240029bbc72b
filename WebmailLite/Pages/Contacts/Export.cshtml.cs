using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Contacts;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Contacts;

/// <summary>« Exporter »: every contact as one vCard file (contacts.vcf), for another mail program or a backup.</summary>
public sealed class ExportModel(IMailbox mailbox, VCardExchange exchange) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        File(await exchange.ExportAsync(mailbox.Identifier, cancellationToken), "text/vcard; charset=utf-8", "contacts.vcf");
}

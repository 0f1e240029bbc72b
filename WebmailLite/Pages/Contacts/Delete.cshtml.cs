using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Contacts;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;

namespace WebmailLite.Pages.Contacts;

/// <summary>« Supprimer le contact »: a confirmation page (GET), then the deletion (POST). Collected contacts alike.</summary>
public sealed class DeleteModel(IMailbox mailbox, IContactStore contacts, IStringLocalizer<ContactsText> text) : PageModel
{
    [FromQuery(Name = "id")]
    public string Id { get; set; } = "";

    public Contact Contact { get; private set; } = null!;

    public string Shown => Contact.Name.Length > 0 ? Contact.Name : Contact.Addresses[0];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await contacts.GetAsync(mailbox.Identifier, Id, cancellationToken) is not { } contact)
        {
            return NotFound();
        }
        Contact = contact;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await contacts.GetAsync(mailbox.Identifier, Id, cancellationToken) is not { } contact)
        {
            // Already gone (deleted in another tab): the list says nothing happened twice.
            return Redirect(PageRoutes.Contacts);
        }
        Contact = contact;
        await contacts.DeleteAsync(mailbox.Identifier, Id, cancellationToken);
        StatusBanner.Set(TempData, text["Done_Deleted", Shown]);
        return Redirect(PageRoutes.Contacts);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Contacts;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Contacts;

/// <summary>
/// « Ajouter un contact » (no id) and « Modifier le contact » (?id=): name, addresses (one per line, or separated by
/// commas or semicolons), note. « Ajouter aux contacts » on a message opens it filled with the sender (?adresse=&amp;nom=).
/// </summary>
public sealed class EditModel(IMailbox mailbox, IContactStore contacts, ContactBook book, IStringLocalizer<ContactsText> text) : PageModel, IFormWithErrors
{
    public const string NameField = "Input_Name";
    public const string AddressesField = "Input_Addresses";
    public const string NoteField = "Input_Note";

    [FromQuery(Name = "id")]
    public string? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "adresse")] string? address, [FromQuery(Name = "nom")] string? name, CancellationToken cancellationToken)
    {
        if (Id is null)
        {
            Input = new InputModel { Name = name, Addresses = address };
            return Page();
        }
        if (await contacts.GetAsync(mailbox.Identifier, Id, cancellationToken) is not { } contact)
        {
            return NotFound();
        }
        Input = new InputModel { Name = contact.Name, Addresses = string.Join('\n', contact.Addresses), Note = contact.Note };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            return Page();
        }
        var result = await book.SaveAsync(mailbox.Identifier, Id, Input.Name, Input.Addresses, Input.Note, cancellationToken);
        switch (result.Status)
        {
            case ContactSaveStatus.NotFound:
                return NotFound();
            case ContactSaveStatus.Saved:
                var shown = string.IsNullOrWhiteSpace(Input.Name) ? ContactBook.SplitAddresses(Input.Addresses).First() : Input.Name.Trim();
                StatusBanner.Set(TempData, text[IsNew ? "Done_Added" : "Done_Changed", shown]);
                return Redirect(PageRoutes.Contacts);
        }
        foreach (var problem in result.Problems)
        {
            var field = problem.Field switch
            {
                ContactField.Name => NameField,
                ContactField.Note => NoteField,
                _ => AddressesField,
            };
            Errors.Add(field, text[ContactsText.Issue(problem.Issue), problem.Arguments]);
        }
        return Page();
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Addresses { get; set; }

        public string? Note { get; set; }
    }
}

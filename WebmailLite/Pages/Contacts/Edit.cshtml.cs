using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Contacts;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Contacts;

/// <summary>
/// « Ajouter un contact » (no id) and « Modifier le contact » (?id=): name, addresses (one per line, or separated by
/// commas or semicolons), note. « Ajouter aux contacts » on a message opens it filled with the sender (?adresse=&amp;nom=).
/// </summary>
// The compose rescue rules, as in « Préférences »: a note or a list of addresses typed at length and posted just after
// the session ended comes back after signing in again (see ComposeRescue and KeptFormPageModel). The mailbox is taken
// per handler: there is none for an ended session.
[AllowAnonymous]
[ComposeAccess]
[IgnoreAntiforgeryToken]
public sealed class EditModel(
    IContactStore contacts,
    ContactBook book,
    RescuedContactFormStore keptForms,
    ComposeRescue rescue,
    IStringLocalizer<ContactsText> text) : KeptFormPageModel, IFormWithErrors
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

    /// <summary>The form shown is the one kept when the session ended: nothing of it is saved yet.</summary>
    public bool Restored { get; private set; }

    /// <summary>Where the person signs in again after their form was kept: back to this form, where it opens.</summary>
    public static string KeptSignInUrl(string? id) =>
        "/?session=expiree&conserve=contact&retour=" + Uri.EscapeDataString(id is null ? PageRoutes.ContactForm : ContactUrls.Edit(id));

    public async Task<IActionResult> OnGetAsync([FromServices] IMailbox mailbox, [FromQuery(Name = "adresse")] string? address, [FromQuery(Name = "nom")] string? name, CancellationToken cancellationToken)
    {
        if (keptForms.Take(mailbox.Identifier, Id) is { } kept)
        {
            Input = InputModel.FromFields(kept);
            Restored = true;
            return Page();
        }
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

    public async Task<IActionResult> OnPostAsync([FromServices] IMailbox mailbox, CancellationToken cancellationToken)
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

    /// <summary>The session ended before this post arrived (chosen by <see cref="KeptFormPageModel"/>): keep the form for its owner.</summary>
    public Task<IActionResult> OnPostKeepAsync() => KeepForOwnerAsync(async () =>
    {
        var ended = await rescue.FindVerifiedEndedSessionAsync(HttpContext);
        if (ended is not null)
        {
            keptForms.Keep(ended.Identifier, Id, Input.ToFields());
        }
        return ended is not null;
    }, KeptSignInUrl(Id));

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Addresses { get; set; }

        public string? Note { get; set; }

        /// <summary>The fields as posted, by name, to be kept when the session ended.</summary>
        public IReadOnlyDictionary<string, string> ToFields() => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(Name)] = Name ?? "",
            [nameof(Addresses)] = Addresses ?? "",
            [nameof(Note)] = Note ?? "",
        };

        public static InputModel FromFields(IReadOnlyDictionary<string, string> fields) => new()
        {
            Name = fields.GetValueOrDefault(nameof(Name)),
            Addresses = fields.GetValueOrDefault(nameof(Addresses)),
            Note = fields.GetValueOrDefault(nameof(Note)),
        };
    }
}

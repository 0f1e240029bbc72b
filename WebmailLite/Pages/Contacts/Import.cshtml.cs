using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Contacts;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Contacts;

/// <summary>« Importer des contacts »: a .vcf file merged on address; the list then says how many were added and already there.</summary>
[RequestSizeLimit(VCardExchange.MaxImportBytes + 65_536)]
[RequestFormLimits(MultipartBodyLengthLimit = VCardExchange.MaxImportBytes + 65_536)]
public sealed class ImportModel(IMailbox mailbox, VCardExchange exchange, IStringLocalizer<ContactsText> text) : PageModel, IFormWithErrors
{
    public const string FileField = "Input_File";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            return Page();
        }
        ImportSummary summary;
        if (Input.File is not { } file)
        {
            summary = ImportSummary.Failed(ImportProblem.Missing);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            summary = await exchange.ImportAsync(mailbox.Identifier, stream, file.Length, cancellationToken);
        }
        if (summary.Problem is { } problem)
        {
            Errors.Add(FileField, text[ContactsText.Import(problem), VCardExchange.MaxImportBytes / 1024]);
            return Page();
        }
        var parts = new List<string>
        {
            summary.Added == 1 ? text["Imported_Added_One"] : text["Imported_Added_Many", summary.Added],
            summary.AlreadyPresent == 1 ? text["Imported_Present_One"] : text["Imported_Present_Many", summary.AlreadyPresent],
        };
        if (summary.Unusable > 0)
        {
            parts.Add(summary.Unusable == 1 ? text["Imported_Unusable_One"] : text["Imported_Unusable_Many", summary.Unusable]);
        }
        StatusBanner.Set(TempData, string.Join(", ", parts) + ".");
        return Redirect(PageRoutes.Contacts);
    }

    public sealed class InputModel
    {
        public IFormFile? File { get; set; }
    }
}

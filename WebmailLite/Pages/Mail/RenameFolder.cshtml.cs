using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Mail;

public sealed class RenameFolderModel(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui) : PageModel, IFormWithErrors
{
    public const string NameField = "Input_Name";

    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public MailFolder? Folder { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken))
        {
            Input.Name = Folder!.Name;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }
        var name = FolderNameRules.Normalize(Input.Name);
        if (FolderErrors.ForName(FolderNameRules.Check(name), name, text) is { } problem)
        {
            Errors.Add(NameField, problem);
        }
        if (Errors.Any)
        {
            return Page();
        }
        var change = await mailbox.RenameFolderAsync(Folder!.FullName, name, cancellationToken);
        if (change.Status == FolderChangeStatus.Done)
        {
            StatusBanner.Set(TempData, text["Folders_Renamed", FolderPath.Display(Folder, ui), name]);
            return Redirect(ListUrls.Folders);
        }
        Errors.Add(NameField, FolderErrors.ForChange(change, name, text));
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var folders = await mailbox.GetFoldersAsync(cancellationToken);
        Folder = folders.FirstOrDefault(f => f.FullName == FolderName);
        if (Folder is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        if (Folder.Special != SpecialFolder.None)
        {
            // Special-use folders are what other mail programs (and this one) rely on: never renamed.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        return true;
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }
    }
}

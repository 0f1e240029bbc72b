using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « Supprimer le dossier ? »: a confirmation page (WCAG 3.3.4) for an empty folder of the person's own; for a folder
/// that still holds messages or subfolders, the page says so and what to do, and offers no button.
/// </summary>
public sealed class DeleteFolderModel(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = "";

    public MailFolder? Folder { get; private set; }

    public bool HasSubfolders { get; private set; }

    public FormErrors Errors { get; } = new();

    public bool CanDelete => Folder is { Special: SpecialFolder.None, Total: 0 } && !HasSubfolders;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }
        var name = FolderPath.Display(Folder!, ui);
        var change = await mailbox.DeleteFolderAsync(Folder!.FullName, cancellationToken);
        switch (change.Status)
        {
            case FolderChangeStatus.Done:
                StatusBanner.Set(TempData, text["Folders_Deleted", name]);
                return Redirect(ListUrls.Folders);
            case FolderChangeStatus.NotEmpty:
                // A message arrived (or was moved in) after the page was shown: the folder is kept.
                Errors.Add(null, text["DeleteFolder_NotEmptyShort", name]);
                break;
            case FolderChangeStatus.HasSubfolders:
                Errors.Add(null, text["DeleteFolder_HasChildren"]);
                break;
            default:
                Errors.Add(null, text["DeleteFolder_RefusedByServer"]);
                break;
        }
        await LoadAsync(cancellationToken);
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
        // A subfolder's full name is its parent's, a separator (« / » or « . », never allowed in a name), then its own.
        var prefix = Folder.FullName;
        HasSubfolders = folders.Any(f => f.FullName.Length > prefix.Length + 1
                                         && f.FullName.StartsWith(prefix, StringComparison.Ordinal)
                                         && f.FullName[prefix.Length] is '/' or '.');
        if (Folder.Special != SpecialFolder.None)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        return true;
    }
}

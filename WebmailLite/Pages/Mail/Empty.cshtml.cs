using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « Vider la corbeille ? »: confirmed on its own page (WCAG 3.3.4). The form carries the newest UID the person saw,
/// so a message that arrives between the page and the click is not deleted unseen.
/// </summary>
public sealed class EmptyModel(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = MailUrls.Inbox;

    /// <summary>The newest UID shown on the confirmation page.</summary>
    [BindProperty(Name = "jusqua")]
    public uint UpToUid { get; set; }

    public MailFolder? Folder { get; private set; }

    public uint NewestUid { get; private set; }

    public bool Allowed => Folder is not null && MessageActions.CanEmpty(Folder);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) && Folder!.Total > 0)
        {
            var newest = await mailbox.GetMessagesAsync(Folder.FullName, 1, 1, cancellationToken);
            NewestUid = newest?.Messages.FirstOrDefault()?.Uid ?? 0;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }
        var deleted = await mailbox.EmptyFolderAsync(Folder!.FullName, UpToUid, cancellationToken) ?? 0;
        var count = deleted == 1 ? text["Count_Deleted_One"].Value : text["Count_Deleted_Many", deleted].Value;
        StatusBanner.Set(TempData, text["Done_Empty", FolderNames.Display(Folder, ui), count]);
        return Redirect(ListUrls.List(Folder.FullName));
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
        if (!Allowed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        return true;
    }
}

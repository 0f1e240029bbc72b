using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « Tout marquer comme lu ? »: the whole folder, so it is confirmed on its own page with the number of messages it
/// changes. The form carries the newest UID the person saw: mail arriving after the page stays unread.
/// </summary>
public sealed class MarkAllReadModel(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = MailUrls.Inbox;

    /// <summary>The newest UID when the confirmation page was shown.</summary>
    [BindProperty(Name = "jusqua")]
    public uint UpToUid { get; set; }

    public MailFolder? Folder { get; private set; }

    public uint NewestUid { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) && Folder!.Unread > 0)
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
        var marked = await mailbox.MarkFolderReadAsync(Folder!.FullName, UpToUid, cancellationToken) ?? 0;
        var count = marked == 1 ? text["Count_MarkedRead_One"].Value : text["Count_MarkedRead_Many", marked].Value;
        StatusBanner.Set(TempData, text["Done_MarkAllRead", FolderNames.Display(Folder, ui), count]);
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
        return true;
    }
}

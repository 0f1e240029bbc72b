using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// A confirmation page for an action on a whole folder (« Vider la corbeille ? », « Tout marquer comme lu ? »), WCAG
/// 3.3.4. The form carries the newest UID the person saw, so that mail arriving between the page and the click is
/// left alone; the result is said on the folder's list (POST → redirect → GET).
/// </summary>
public abstract class WholeFolderActionModel(IMailbox mailbox) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = MailUrls.Inbox;

    /// <summary>The newest UID shown on the confirmation page.</summary>
    [BindProperty(Name = "jusqua")]
    public uint UpToUid { get; set; }

    public MailFolder? Folder { get; private set; }

    public uint NewestUid { get; private set; }

    protected IMailbox Mailbox => mailbox;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) && HasWork(Folder!))
        {
            var newest = await mailbox.GetMessagesAsync(Folder!.FullName, 1, 1, cancellationToken);
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
        StatusBanner.Set(TempData, await ActAsync(Folder!, UpToUid, cancellationToken));
        return Redirect(ListUrls.List(Folder!.FullName));
    }

    /// <summary>Whether the action is offered for this folder at all (400 otherwise).</summary>
    protected virtual bool Applies(MailFolder folder) => true;

    /// <summary>Whether the folder holds anything the action would change.</summary>
    protected abstract bool HasWork(MailFolder folder);

    /// <summary>Does the action on the messages up to <paramref name="upToUid"/>; returns the banner that says what was done.</summary>
    protected abstract Task<string> ActAsync(MailFolder folder, uint upToUid, CancellationToken cancellationToken);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var folders = await mailbox.GetFoldersAsync(cancellationToken);
        Folder = folders.FirstOrDefault(f => f.FullName == FolderName);
        if (Folder is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        if (!Applies(Folder))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        return true;
    }
}

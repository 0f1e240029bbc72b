using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « Supprimer définitivement ? »: the confirmation that deleting for good needs (WCAG 3.3.4). It names the messages,
/// then deletes exactly those (by UID) and goes back to the list where the person was.
/// </summary>
public sealed class EraseModel(IMailbox mailbox, MessageActions actions) : PageModel
{
    /// <summary>One page of a list at most, plus some slack: a longer query string is not from our forms.</summary>
    public const int MaxMessages = 100;

    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = MailUrls.Inbox;

    [BindProperty(SupportsGet = true, Name = "u")]
    public List<uint> Uids { get; set; } = [];

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "tri")]
    public string? SortToken { get; set; }

    /// <summary>Search results the deletion was asked from: back there instead of the folder (<see cref="ReturnUrls"/>).</summary>
    [FromQuery(Name = ReturnUrls.Key)]
    public string? ReturnUrl { get; set; }

    public MailFolder? Folder { get; private set; }

    public IReadOnlyList<MessageSummary> Messages { get; private set; } = [];

    public bool Allowed => Folder is not null && MessageActions.DeletesForGood(Folder);

    public string BackUrl => ReturnUrls.Accept(ReturnUrl) ?? ListUrls.List(FolderName, PageNumber, SortTokens.Parse(SortToken));

    /// <summary>Whether the way back is to search results (the links then say so).</summary>
    public bool BackToResults => ReturnUrls.Accept(ReturnUrl) is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }
        Messages = await mailbox.GetSummariesAsync(Folder!.FullName, Chosen(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }
        var deleted = await mailbox.DeletePermanentlyAsync(Folder!.FullName, Chosen(), cancellationToken) ?? 0;
        StatusBanner.Set(TempData, actions.Erased(deleted));
        return Redirect(BackUrl);
    }

    private IReadOnlyCollection<uint> Chosen() => Uids.Where(u => u > 0).Distinct().Take(MaxMessages).ToList();

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
            // Only the trash deletes for good: elsewhere « supprimer » means « to the trash ».
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        return true;
    }
}

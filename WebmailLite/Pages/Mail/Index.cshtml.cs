using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

public sealed class IndexModel(IOptions<MailOptions> options) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string? FolderName { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    public MessageListPage? List { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var mailbox = SessionCookie.Current(HttpContext)!.Mailbox;
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
        List = await mailbox.GetMessagesAsync(FolderName ?? MailUrls.Inbox, Math.Max(1, PageNumber), options.Value.PageSize, cancellationToken);
        if (List is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Pages.Mail;

public sealed class MessageModel(MessageRenderer renderer) : PageModel
{
    [FromQuery(Name = "dossier")]
    public string FolderName { get; set; } = MailUrls.Inbox;

    [FromQuery(Name = "uid")]
    public uint Uid { get; set; }

    /// <summary>« images=distantes »: the person asked to see this message's remote images.</summary>
    [FromQuery(Name = "images")]
    public string? Images { get; set; }

    public bool ShowRemote => Images == "distantes";

    public RenderedMessage? Message { get; private set; }

    public MailFolder? Folder { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var mailbox = SessionCookie.Current(HttpContext)!.Mailbox;
        var mime = await mailbox.OpenMessageAsync(FolderName, Uid, cancellationToken);
        var folders = await mailbox.GetFoldersAsync(cancellationToken);
        Folder = folders.FirstOrDefault(f => f.FullName == FolderName);
        if (mime is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Message = renderer.Render(mime, new RenderRequest(FolderName, Uid, ShowRemote, index => MailUrls.Part(FolderName, Uid, index)));
        if (ShowRemote)
        {
            SecurityHeaders.AllowRemoteImages(HttpContext);
        }
        return Page();
    }
}

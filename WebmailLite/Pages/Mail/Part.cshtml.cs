using System.Net.Mime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// One body part of a message: an attachment (always downloaded) or an inline raster image referenced by
/// <c>cid:</c>. Never rendered as HTML or SVG on our origin: the renderer decides the type, and the response is sandboxed.
/// </summary>
public sealed class PartModel(IMailbox mailbox, MessageRenderer renderer) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "dossier")] string folder,
        [FromQuery(Name = "uid")] uint uid,
        [FromQuery(Name = "partie")] int partIndex,
        CancellationToken cancellationToken)
    {
        var mime = await mailbox.PeekMessageAsync(folder, uid, cancellationToken);
        var part = mime is null ? null : renderer.GetPart(mime, partIndex);
        if (part is null)
        {
            return NotFound();
        }
        SecurityHeaders.SandboxContent(HttpContext);
        var disposition = new ContentDispositionHeaderValue(part.MaySendInline ? DispositionTypeNames.Inline : DispositionTypeNames.Attachment);
        disposition.SetHttpFileName(part.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return File(part.Content, part.ContentType);
    }
}

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

    /// <summary>
    /// « Télécharger le message »: the whole message as an .eml file, for what a long message's pages leave out. Sent
    /// as a download of an opaque type: a browser must not open a message (HTML inside, MHTML) on our origin.
    /// </summary>
    public async Task<IActionResult> OnGetSourceAsync(
        [FromQuery(Name = "dossier")] string folder,
        [FromQuery(Name = "uid")] uint uid,
        CancellationToken cancellationToken)
    {
        var found = await mailbox.CopySourceAsync(folder, uid, subject =>
        {
            SecurityHeaders.SandboxContent(HttpContext);
            var disposition = new ContentDispositionHeaderValue(DispositionTypeNames.Attachment);
            disposition.SetHttpFileName(renderer.SourceFileName(subject));
            Response.Headers.ContentDisposition = disposition.ToString();
            Response.ContentType = PartMediaType.OctetStream;
            return Response.Body;
        }, cancellationToken);
        return found ? new EmptyResult() : NotFound();
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Infrastructure;
using WebmailLite.Mail.Compose;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// Keeps a compose form posted after its session ended (idle timeout, sweep, app restarted), so that the person finds
/// it again, whole, after signing in — what Roundcube loses (its issues #5719, #7554).
/// </summary>
/// <remarks>
/// <para>Whose form is it? The browser still sends the ended session's cookie; <see cref="ISessionRecordStore"/>
/// remembers (for a day, by the SHA-256 of the id) which identifier that session belonged to, in LiteDB, so this works
/// after a restart too. The form is kept for that identifier alone, encrypted (<see cref="IRescuedComposeStore"/>).</para>
/// <para>Did it come from this site, from that session? The antiforgery token in the form was issued to the session's
/// principal (NameIdentifier = session id). The framework's check would run against the now anonymous request and
/// fail before any handler, so the compose page skips it (<c>[IgnoreAntiforgeryToken]</c>) and checks by hand: here,
/// against the principal rebuilt with the very same claims from the cookie's id and the recorded identifier. A valid
/// token therefore still proves the form was served by this site to this session, and the antiforgery cookie (SameSite
/// Strict) came with it. A cross-site post carries neither SameSite=Strict cookie — no session id, no antiforgery cookie —
/// so nothing is ever kept from one; a made-up or foreign session id finds no record. Nothing is sent on the person's
/// behalf either way: the form only comes back to the compose page, to be checked and sent by them.</para>
/// </remarks>
public sealed class ComposeRescue(
    ISessionRecordStore sessionRecords,
    IRescuedComposeStore rescued,
    IComposeAttachmentStore attachments,
    IAntiforgery antiforgery,
    IOptions<ComposeOptions> composeOptions,
    IStringLocalizer<ComposeText> text,
    ILogger<ComposeRescue> logger)
{
    private const string EndedSessionItem = "wl.ended-session";

    /// <summary>
    /// The ended session whose cookie this request carried, while it is remembered; <c>null</c> for a request without a
    /// cookie, with a live session, or with an id this app never issued (or forgot).
    /// </summary>
    public EndedSession? FindEndedSession(HttpContext context)
    {
        if (context.Items.TryGetValue(EndedSessionItem, out var cached))
        {
            return cached as EndedSession;
        }
        EndedSession? found = null;
        if (SessionAuthenticationHandler.CarriedExpiredSession(context)
            && context.Request.Cookies.TryGetValue(SessionAuthenticationHandler.CookieName, out var id)
            && sessionRecords.IdentifierOf(id) is { } identifier)
        {
            found = new EndedSession(id!, identifier);
        }
        context.Items[EndedSessionItem] = found;
        return found;
    }

    /// <summary>
    /// Keeps the posted form for the ended session's owner when its antiforgery token checks out against that session.
    /// The files already kept for the form (minus those ticked « retirer ») and the files just posted go with it,
    /// within the compose limits. Returns whether the form was kept.
    /// </summary>
    public async Task<bool> TryKeepAsync(
        HttpContext context,
        IReadOnlyDictionary<string, string> fields,
        string? formId,
        IReadOnlyCollection<string> removed,
        IReadOnlyList<ComposeUpload> files,
        CancellationToken cancellationToken)
    {
        if (await FindVerifiedEndedSessionAsync(context) is not { } ended)
        {
            return false;
        }

        var limits = composeOptions.Value;
        var kept = new List<OutgoingAttachment>();
        var notKept = new List<string>();
        long total = 0;
        var validForm = IComposeAttachmentStore.IsFormId(formId);
        if (validForm)
        {
            foreach (var stashed in attachments.List(formId!, ended.Identifier).Where(a => !removed.Contains(a.Id)))
            {
                if (attachments.Read(formId!, ended.Identifier, stashed.Id) is { } content)
                {
                    kept.Add(new OutgoingAttachment(stashed.FileName, stashed.ContentType, content));
                    total += content.LongLength;
                }
            }
        }
        foreach (var file in files.Where(f => !f.IsEmptyInput))
        {
            var name = AttachmentNames.Clean(file.FileName, text["Forward_AttachmentName"]);
            if (file.Length > limits.MaxAttachmentBytes || total + file.Length > limits.MaxTotalAttachmentBytes)
            {
                notKept.Add(name);
                continue;
            }
            kept.Add(new OutgoingAttachment(name, file.MediaType, await file.ReadAsync(cancellationToken)));
            total += file.Length;
        }

        rescued.Keep(ended.Identifier, new RescuedForm(fields, kept, notKept));
        if (validForm)
        {
            // The kept copy holds them now.
            attachments.DeleteForm(formId!, ended.Identifier);
        }
        logger.LogInformation("Kept a compose form posted after its session ended ({Files} file(s))", kept.Count);
        return true;
    }

    /// <summary>
    /// The ended session this POST came from, when its antiforgery token checks out against that session (see the
    /// remarks): what any form kept at the end of a session (compose, « Préférences ») is kept for.
    /// </summary>
    public async Task<EndedSession?> FindVerifiedEndedSessionAsync(HttpContext context) =>
        FindEndedSession(context) is { } ended && await TokenMatchesAsync(context, ended) ? ended : null;

    private async Task<bool> TokenMatchesAsync(HttpContext context, EndedSession ended)
    {
        var anonymous = context.User;
        // Only for the duration of the check: nothing else in this request may see the ended session as signed in.
        context.User = new ClaimsPrincipal(SessionAuthenticationHandler.IdentityFor(ended.SessionId, ended.Identifier));
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
        finally
        {
            context.User = anonymous;
        }
    }
}

/// <summary>A session that has ended, known by the cookie the browser still sends.</summary>
public sealed record EndedSession(string SessionId, string Identifier);

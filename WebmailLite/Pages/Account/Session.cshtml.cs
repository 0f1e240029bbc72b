using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Pages.Account;

/// <summary>
/// The session's time limit, for the pages (WCAG 2.2.1): how much time is left (<c>?handler=Status</c>, for the
/// warning script), « Rester connecté » (POST), and the address a page goes to by itself when its session should have
/// ended (GET: the signed-out page, or « toujours ouverte » when another tab kept the session going).
/// </summary>
// None of these is the person's activity (NotSessionActivity): asking or arriving here must not restart the idle clock,
// or a page left open on a shared computer would keep its session alive for ever. Only the POST extends, explicitly.
// The token is checked by hand, as on « Se déconnecter »: a session that ended gets its answer (nothing left), not a 400.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[NotSessionActivity]
public sealed class SessionModel(MailSessionManager sessions, IAntiforgery antiforgery, TimeProvider time) : PageModel
{
    /// <summary>What the warning script asks, without counting as activity.</summary>
    public const string StatusUrl = PageRoutes.Session + "?handler=Status";

    /// <summary>A few seconds past the limit, so that the server has certainly ended the session when the page comes.</summary>
    public const int EndMarginSeconds = 2;

    /// <summary>
    /// ViewData key of a reading page (no form where typing could be lost) that goes by itself to <see cref="EndUrl"/>
    /// when its session ends, even without JavaScript: <c>true</c> to come back to this page after signing in again, or
    /// the address to come back to.
    /// </summary>
    public const string ClearsAtExpiry = "ClearsAtExpiry";

    /// <summary>The page where a page showing <paramref name="returnUrl"/> goes when its session ends.</summary>
    public static string EndUrl(string returnUrl) => PageRoutes.Session + QueryString.Create("retour", returnUrl);

    /// <summary>The page the person was on (a local address only), to go back to.</summary>
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set; }

    /// <summary>Time left of a session another tab kept going (the « toujours ouverte » state).</summary>
    public TimeSpan Remaining { get; private set; }

    public string SafeReturnUrl =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith(PageRoutes.Session, StringComparison.OrdinalIgnoreCase)
            ? ReturnUrl
            : PageRoutes.Inbox;

    public IActionResult OnGet()
    {
        if (SessionCookie.Current(HttpContext) is not { } session)
        {
            // The session has ended (looking it up ended it if it was due). The cookie stays: a compose form open in
            // another tab, posted later, is still kept for its owner by it (ComposeRescue).
            return Redirect(SessionAuthenticationHandler.SignInUrl(Request, expired: true, SafeReturnUrl));
        }
        // Still open: used meanwhile in another tab. The page the person left stays closed (it may be on a shared
        // computer); this one shows nothing of the mailbox and comes back here when the session should end.
        Remaining = session.Remaining(time.GetUtcNow());
        return Page();
    }

    public JsonResult OnGetStatus() => Status(SessionCookie.Current(HttpContext));

    /// <summary>« Rester connecté ».</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var session = SessionCookie.Current(HttpContext);
        if (session is not null)
        {
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                return BadRequest();
            }
            sessions.Extend(session);
        }
        if (WantsJson)
        {
            return Status(session);
        }
        // The form posted without the script (it failed half-way): back to the page, or to sign in if it is over.
        return session is null ? Redirect(SessionAuthenticationHandler.SignInUrl(Request, expired: true, SafeReturnUrl)) : LocalRedirect(SafeReturnUrl);
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whole seconds left (0: ended), the only thing the script needs.</summary>
    private JsonResult Status(MailSession? session) =>
        new(new { remaining = session?.RemainingSeconds(time.GetUtcNow()) ?? 0 });
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Pages.Account;

// The token is checked by hand: a person pressing « Se déconnecter » after the session already expired must
// still land signed out, not on a 400 page (their token was bound to the session that is gone).
[IgnoreAntiforgeryToken]
public sealed class SignOutModel(MailSessionManager sessions, IAntiforgery antiforgery, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/SignIn");

    public async Task<IActionResult> OnPostAsync()
    {
        var session = SessionCookie.Current(HttpContext);
        if (session is not null)
        {
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                // A cross-site form must not be able to sign someone out (or do anything else).
                return BadRequest();
            }
            await sessions.EndAsync(session.Id);
            logger.LogInformation("Signed out");
        }
        SessionCookie.Delete(HttpContext);
        // The browser forgets this site's cache, cookies and storage: the next person on a shared terminal finds nothing.
        // On a personal computer (or, the session already gone, a browser that holds a device cookie, which only a
        // personal computer is given) cookies stay: clearing them would throw away the device cookie that keeps its owner
        // from being locked out by strangers. The session cookie is deleted above either way.
        var personal = session is { SharedComputer: false } || session is null && DeviceCookie.Read(HttpContext) is not null;
        Response.Headers["Clear-Site-Data"] = personal ? "\"cache\", \"storage\"" : "\"cache\", \"cookies\", \"storage\"";
        return RedirectToPage("/Account/SignIn", new { session = "fermee" });
    }
}

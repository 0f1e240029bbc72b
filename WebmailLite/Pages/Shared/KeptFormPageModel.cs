using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;

namespace WebmailLite.Pages.Shared;

/// <summary>
/// A page whose form, posted just after its session ended, is kept for its owner rather than turned away (compose,
/// « Préférences »; see <c>ComposeRescue</c>). Such a page skips the folder's policy and the framework's token filter
/// (<c>[AllowAnonymous]</c>, <c>[ComposeAccess]</c>, <c>[IgnoreAntiforgeryToken]</c>); here, the two rules that take
/// their place: a POST without a live session goes to the page's <c>OnPostKeepAsync</c>, whichever button was pressed
/// (there is no mailbox to act with any more), and every POST of a live session has its token checked.
/// </summary>
public abstract class KeptFormPageModel : PageModel
{
    private const string KeepHandler = "Keep";

    public override Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (HttpMethods.IsPost(Request.Method) && SessionCookie.Current(HttpContext) is null)
        {
            // Only a POST with a remembered ended session's cookie gets here (ComposeAccess); never chosen by the query string.
            context.HandlerMethod = context.ActionDescriptor.HandlerMethods.Single(h => h.HttpMethod == "Post" && h.Name == KeepHandler);
        }
        return Task.CompletedTask;
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(Request.Method) && SessionCookie.Current(HttpContext) is not null
            && !await HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(HttpContext))
        {
            // What the framework's own check answers: a cross-site form must not act in someone's name.
            context.Result = new BadRequestResult();
            return;
        }
        await next();
    }

    /// <summary>
    /// What every <c>OnPostKeepAsync</c> does around its own way of keeping: refused while a session is live (the handler
    /// is only for a dead one); <paramref name="keepAsync"/> keeps the form and says whether its owner was known; the dead
    /// cookie goes; then to sign-in, and back to the kept form (<paramref name="keptSignInUrl"/>) when it was kept.
    /// </summary>
    protected async Task<IActionResult> KeepForOwnerAsync(Func<Task<bool>> keepAsync, string keptSignInUrl)
    {
        if (SessionCookie.Current(HttpContext) is not null)
        {
            return BadRequest();
        }
        var kept = await keepAsync();
        SessionCookie.Delete(HttpContext);
        return LocalRedirect(kept ? Request.PathBase + keptSignInUrl : SessionAuthenticationHandler.SignInUrl(Request, expired: true));
    }
}

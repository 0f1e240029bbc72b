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
}

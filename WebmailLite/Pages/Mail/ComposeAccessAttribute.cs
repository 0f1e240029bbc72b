using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using WebmailLite.Infrastructure;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// Who reaches the compose page, which is exempt from the <c>/Mail</c> folder's authorization so that a form posted
/// after its session ended can still be received and kept (<see cref="ComposeRescue"/>): a live session, as on every
/// mail page; or a POST carrying the cookie of a session this app remembers. Anyone else is challenged exactly as the
/// folder's policy would (sign-in page, « session expirée » when a cookie was sent), before the form — up to the
/// compose page's large request limit — is read. « Préférences » keeps its form by the same rules and uses it too.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ComposeAccessAttribute : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (SessionCookie.Current(http) is null
            && !(HttpMethods.IsPost(http.Request.Method) && http.RequestServices.GetRequiredService<ComposeRescue>().FindEndedSession(http) is not null))
        {
            context.Result = new ChallengeResult();
            return;
        }
        await next();
    }
}

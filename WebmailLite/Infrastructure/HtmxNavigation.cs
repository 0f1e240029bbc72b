using Htmx;

namespace WebmailLite.Infrastructure;

/// <summary>
/// What htmx cannot do by itself with a plain HTML app's answers. A request made by htmx (XMLHttpRequest) follows a
/// redirect silently and would swap the page it lands on (the sign-in page, a confirmation page) into the list;
/// and htmx swaps nothing on a 4xx or 5xx, so the click would seem to do nothing. So, for htmx requests only: a
/// redirect becomes <c>HX-Redirect</c> (the browser navigates, as without JavaScript) and an error becomes
/// <c>HX-Refresh</c> (the page is reloaded, showing the error page or the list as it now is). Handlers then answer
/// htmx and plain requests the same way.
/// </summary>
public static class HtmxNavigation
{
    public static IApplicationBuilder UseHtmxNavigation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.IsHtmx())
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.StatusCode is >= 300 and < 400 && response.Headers.Location.Count > 0)
                {
                    response.Headers["HX-Redirect"] = response.Headers.Location.ToString();
                    response.Headers.Remove("Location");
                    response.StatusCode = StatusCodes.Status200OK;
                }
                else if (response.StatusCode >= 400)
                {
                    response.Headers["HX-Refresh"] = "true";
                }
                return Task.CompletedTask;
            });
        }
        await next(context);
    });

    /// <summary>The answer depends on <c>HX-Request</c> (a fragment or the whole page): caches must key on it.</summary>
    public static void VaryOnHtmx(this HttpResponse response) => response.Htmx(h => h.WithVary());
}

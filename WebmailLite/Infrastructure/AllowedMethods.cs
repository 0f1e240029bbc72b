namespace WebmailLite.Infrastructure;

/// <summary>
/// The app answers GET, HEAD and POST, nothing else. Razor Pages render a page for any method that has no handler of
/// its own, so without this <c>TRACE</c> or <c>OPTIONS</c> on a page answered 200 with the page itself (a surprise to
/// scanners, proxies and caches, and a reflected copy of a request for no purpose). Every other method gets
/// 405 with the <c>Allow</c> header RFC 9110 asks for, and no body.
/// </summary>
public static class AllowedMethods
{
    public const string Allow = "GET, HEAD, POST";

    public static IApplicationBuilder UseAllowedMethods(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = Allow;
    });
}

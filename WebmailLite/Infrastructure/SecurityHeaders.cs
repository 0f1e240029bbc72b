using Microsoft.Net.Http.Headers;

namespace WebmailLite.Infrastructure;

/// <summary>
/// Headers on every response: a strict CSP (our pages need no inline script or style), no sniffing, no referrer,
/// no framing; and <c>no-store</c> on everything that did not set its own caching (only fingerprinted static assets
/// do), so a shared terminal's cache and back button keep nothing of the previous person.
/// </summary>
public static class SecurityHeaders
{
    private const string RemoteImagesItem = "wl.csp.remote-images";
    private const string SandboxItem = "wl.csp.sandbox";

    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// The person asked to see the remote images of the message on this response: only then does the policy let
    /// the browser fetch images from elsewhere (the sanitizer already removed them otherwise; this is the second lock).
    /// </summary>
    public static void AllowRemoteImages(HttpContext context) => context.Items[RemoteImagesItem] = true;

    /// <summary>
    /// A mail attachment or inline image: even if a browser tried to render it, it gets no script, no plugin and an
    /// opaque origin, so a hostile file can never act as our site.
    /// </summary>
    public static void SandboxContent(HttpContext context) => context.Items[SandboxItem] = true;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items.ContainsKey(SandboxItem) ? "sandbox; default-src 'none'"
                : context.Items.ContainsKey(RemoteImagesItem) ? Policy.Replace("img-src 'self' data:", "img-src 'self' data: https: http:", StringComparison.Ordinal)
                : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}

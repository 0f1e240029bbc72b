using WebmailLite.Infrastructure;

namespace WebmailLite.Branding;

public static class BrandingEndpoints
{
    /// <summary>
    /// The logo, at its fingerprinted address only: a year of cache, and the sandbox policy of attachments (no
    /// script, no fetch, an opaque origin) should anyone open it as a page.
    /// </summary>
    public static WebApplication MapBranding(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ServiceBrand>().Logo is { } logo)
        {
            app.MapGet(logo.Url, (HttpContext context) =>
            {
                SecurityHeaders.SandboxContent(context);
                context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.Bytes(logo.Content, "image/svg+xml");
            });
        }
        return app;
    }
}

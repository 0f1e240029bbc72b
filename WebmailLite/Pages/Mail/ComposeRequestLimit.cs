using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Pages.Mail;

// Files over the attachment limits must still be received, so the page can refuse them politely and keep what was
// typed: the compose page alone reads requests larger than Kestrel's default 30 MB. Set by a middleware at the very
// start of the pipeline (an IStartupFilter), before anything (antiforgery included) starts reading the body.
/// <summary>Raises the request body limit for posts to the compose page only (see <see cref="ComposeOptions.MaxRequestBytes"/>).</summary>
public sealed class ComposeRequestLimit(IOptions<ComposeOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var limit = options.Value.EffectiveMaxRequestBytes;
        app.Use((context, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(ComposeUrls.New, StringComparison.OrdinalIgnoreCase))
            {
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
                {
                    body.MaxRequestBodySize = limit;
                }
                // The form reader's own limit per file, above the same figure.
                context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}

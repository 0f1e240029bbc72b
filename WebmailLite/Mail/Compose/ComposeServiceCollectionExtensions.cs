using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Outbox;

namespace WebmailLite.Mail.Compose;

public static class ComposeServiceCollectionExtensions
{
    /// <summary>
    /// Composing and sending: the compose files store, the outbox and its background service, and the compose page's
    /// request limit. Needs <c>AddStorage()</c> (LiteDB, Data Protection) and the session manager.
    /// </summary>
    public static IServiceCollection AddCompose(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ComposeOptions>(configuration.GetSection(ComposeOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<ComposeAttachmentStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<OutboxWorker>();

        // Files over the attachment limits must still be received, so the page can refuse them politely and keep what
        // was typed: the compose page alone reads requests larger than Kestrel's default 30 MB. Set by a middleware at
        // the very start of the pipeline, before anything (antiforgery included) starts reading the body.
        services.AddTransient<IStartupFilter, ComposeRequestLimit>();
        return services;
    }
}

/// <summary>Raises the request body limit for posts to the compose page only (see <see cref="ComposeOptions.MaxRequestBytes"/>).</summary>
internal sealed class ComposeRequestLimit(IOptions<ComposeOptions> options) : IStartupFilter
{
    public const string Path = "/courrier/ecrire";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var limit = options.Value.EffectiveMaxRequestBytes;
        app.Use((context, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
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

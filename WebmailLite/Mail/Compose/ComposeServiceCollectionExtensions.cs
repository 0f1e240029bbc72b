using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
        // was typed: the compose page alone reads requests larger than Kestrel's default 30 MB.
        var limit = (configuration.GetSection(ComposeOptions.Section).Get<ComposeOptions>() ?? new ComposeOptions()).EffectiveMaxRequestBytes;
        services.Configure<RazorPagesOptions>(options => options.Conventions.AddPageApplicationModelConvention("/Mail/Compose", model =>
        {
            model.Filters.Add(new RequestSizeLimitAttribute(limit));
            model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit });
        }));
        return services;
    }
}

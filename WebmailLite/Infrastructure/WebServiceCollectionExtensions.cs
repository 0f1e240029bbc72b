using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using WebmailLite.Mail.Sessions;
using WebmailLite.Pages.Mail;

namespace WebmailLite.Infrastructure;

public static class WebServiceCollectionExtensions
{
    /// <summary>Pages, sessions, localization, compression: the web side of the app.</summary>
    public static IServiceCollection AddWebmailWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxySupport(configuration);
        services.Configure<MailSessionOptions>(configuration.GetSection(MailSessionOptions.Section));
        services.Configure<MaintenanceOptions>(configuration.GetSection(MaintenanceOptions.Section));
        services.Configure<DisplayOptions>(configuration.GetSection(DisplayOptions.Section));
        services.AddSingleton<SessionRecordStore>();
        services.AddSingleton<MailSessionManager>();
        services.AddSingleton<WebmailLite.Pages.Mail.ComposeRescue>();
        services.AddHostedService<MailSessionSweeper>();
        services.AddSingleton<UiFormat>();
        services.AddSingleton<Pages.Recovery.RecoveryJourney>();
        services.AddMailManagement();
        services.AddUiLocalization();
        // French text as UTF-8, not « &#xE9; » for every accent: fewer bytes and readable source. Razor still
        // encodes what HTML needs (<, >, &, quotes).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Mail");
            options.Conventions.AuthorizeFolder("/Settings");
            // Signed in, and then only agents (checked by the pages, which answer 404 to anyone else).
            options.Conventions.AuthorizeFolder("/Assistance");
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "wl_af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // HTML is compressed on the fly; static assets are precompressed at build time by MapStaticAssets.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static WebApplication UseWebmailPipeline(this WebApplication app)
    {
        // Before anything reads the client's address or scheme (limits, cookies' Secure flag).
        app.UseForwardedHeaders();
        // First, so that it sees the final status of htmx requests, error pages included.
        app.UseHtmxNavigation();
        // Plain-language error pages in every environment: what a person sees is what we test.
        app.UseExceptionHandler("/erreur");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/erreur", "?code={0}");
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRejectedCredentialsSignOut();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}

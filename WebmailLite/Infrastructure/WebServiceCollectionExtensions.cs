using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using WebmailLite.Pages;
using WebmailLite.Pages.Mail;

namespace WebmailLite.Infrastructure;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The web side of the app (the Pages and Infrastructure folders): pages and their helpers, the session cookie's
    /// authentication, localization, security headers, compression.
    /// </summary>
    public static IServiceCollection AddWebmailWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxySupport(configuration);
        services.AddOptions<MaintenanceOptions>().Bind(configuration.GetSection(MaintenanceOptions.Section));
        services.AddOptions<DisplayOptions>().Bind(configuration.GetSection(DisplayOptions.Section)).ValidateOnStart()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Display:TimeZone must be a time zone this system knows (e.g. Europe/Paris).");
        services.AddSingleton<UiFormat>();
        // The pages' own helpers. MessageActions works on the request's mailbox, hence scoped.
        services.AddScoped<MessageActions>();
        services.AddSingleton<ComposeRescue>();
        services.AddTransient<IStartupFilter, ComposeRequestLimit>();
        services.AddSingleton<Pages.Recovery.RecoveryJourney>();
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
            PageRoutes.Apply(options.Conventions);
            options.Conventions.AuthorizeFolder("/Mail");
            options.Conventions.AuthorizeFolder("/Settings");
            options.Conventions.AuthorizeFolder("/Contacts");
            // Signed in, and then only agents (checked by the pages, which answer 404 to anyone else).
            options.Conventions.AuthorizeFolder("/Assistance");
        }).AddMvcOptions(options =>
        {
            // Every page, one rule each: a NUL in a field is a field error, a value that does not convert is a 404.
            options.Filters.Add<NulCharacterFilter>();
            options.Filters.Add<BindingFailureFilter>();
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
        app.UseExceptionHandler(PageRoutes.Error);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute(PageRoutes.Error, "?code={0}");
        app.UseSecurityHeaders();
        // After the headers (a 405 carries them too) and before anything that would serve a page.
        app.UseAllowedMethods();
        app.UseResponseCompression();
        app.UseRequestLocalization();
        app.UseNulTolerantForms();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRejectedCredentialsSignOut();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}

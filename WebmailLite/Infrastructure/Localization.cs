using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace WebmailLite.Infrastructure;

/// <summary>French first, English second. The choice is a cookie set by the language link, never guessed from the
/// browser: a shared terminal's browser language says nothing about the person using it.</summary>
public static class Localization
{
    public static readonly CultureInfo[] Supported = [new("fr-FR"), new("en-GB")];

    public static IServiceCollection AddUiLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Supported[0]);
            options.SupportedCultures = Supported;
            options.SupportedUICultures = Supported;
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
}

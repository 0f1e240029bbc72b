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

    /// <summary>
    /// The one rule for choosing the language: the culture cookie, set by the language link, by « Préférences » when
    /// saved, and at sign-in from the person's saved choice. An unknown code means French.
    /// </summary>
    public static CultureInfo Remember(HttpContext context, string? twoLetterCode)
    {
        var chosen = Supported.FirstOrDefault(c => c.TwoLetterISOLanguageName == twoLetterCode) ?? Supported[0];
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        return chosen;
    }

    /// <summary>The two-letter code of the page's language: « fr » or « en ».</summary>
    public static string Current => IsFrench ? "fr" : "en";

    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
}

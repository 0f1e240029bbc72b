using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;

namespace WebmailLite.Pages;

/// <summary>Switches between French and English and goes back to the same page.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet([FromQuery(Name = "c")] string? culture, [FromQuery(Name = "retour")] string? returnUrl)
    {
        var chosen = Localization.Supported.FirstOrDefault(c => c.TwoLetterISOLanguageName == culture) ?? Localization.Supported[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

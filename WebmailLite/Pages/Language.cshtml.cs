using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;

namespace WebmailLite.Pages;

/// <summary>Switches between French and English and goes back to the same page.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet([FromQuery(Name = "c")] string? culture, [FromQuery(Name = "retour")] string? returnUrl)
    {
        Localization.Remember(HttpContext, culture);
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

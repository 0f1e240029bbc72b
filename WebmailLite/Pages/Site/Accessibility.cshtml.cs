using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Accessibility;

namespace WebmailLite.Pages.Site;

/// <summary>The « Déclaration d'accessibilité » (RGAA 4.1 model), readable without signing in.</summary>
public sealed class AccessibilityModel(AccessibilityStatement statement) : PageModel
{
    public AccessibilityStatement Statement => statement;
}

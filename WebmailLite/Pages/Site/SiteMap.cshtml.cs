using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Site;

/// <summary>
/// « Plan du site » (RGAA 12.1, 12.3): every page a person can open directly, whether signed in or not. Steps of a
/// journey (a recovery code, a confirmation) and pages about one message or folder are reached from their starting
/// page, which is listed. <c>SiteMapTests</c> keeps this list and <see cref="PageRoutes"/> in step.
/// </summary>
public sealed class SiteMapModel(GuideCatalog guide, IOptions<RecoveryOptions> recovery) : PageModel
{
    public IReadOnlyList<GuidePage> GuideSections { get; private set; } = [];

    /// <summary>The assistance desk is listed for its agents only: anyone else gets 404 there.</summary>
    public bool ShowDesk { get; private set; }

    public void OnGet()
    {
        GuideSections = guide.Sections(Localization.IsFrench ? GuideLanguage.French.Code : GuideLanguage.English.Code);
        ShowDesk = SessionCookie.Current(HttpContext) is { } session && recovery.Value.IsAgent(session.Identifier);
    }
}

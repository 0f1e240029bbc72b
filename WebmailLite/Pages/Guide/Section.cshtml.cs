using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;

namespace WebmailLite.Pages.Guide;

public sealed class SectionModel(GuideCatalog catalog) : PageModel
{
    public GuidePage Section { get; private set; } = null!;

    public GuidePage? Previous { get; private set; }

    public GuidePage? Next { get; private set; }

    public IActionResult OnGet(string slug)
    {
        // Same URL in both languages: the language cookie picks the text.
        var sections = catalog.Sections(Localization.IsFrench ? GuideLanguage.French.Code : GuideLanguage.English.Code);
        var index = sections.ToList().FindIndex(s => s.Slug == slug);
        if (index < 0)
        {
            return NotFound();
        }
        Section = sections[index];
        Previous = index > 0 ? sections[index - 1] : null;
        Next = index < sections.Count - 1 ? sections[index + 1] : null;
        return Page();
    }
}

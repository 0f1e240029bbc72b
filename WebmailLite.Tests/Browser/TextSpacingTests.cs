using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// WCAG 1.4.12, RGAA 10.12: with the text spacing a reader may set (line height 1.5, 2 em after paragraphs, letters
/// 0.12 em and words 0.16 em apart) nothing is cut off: no sideways scrolling at 1280 or 320 px, and no element that
/// hides its overflow has text spilling out of it. The spacing is applied through the CSS object model, which the
/// pages' CSP (style-src 'self') lets a user's tool do as well.
/// </summary>
[Collection(GuideBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class TextSpacingTests(BrowserFixture browser, PracticeLiveServer fixture)
{
    private const string ApplySpacing = """
        () => {
          for (const e of document.querySelectorAll('body *')) {
            e.style.setProperty('line-height', '1.5', 'important');
            e.style.setProperty('letter-spacing', '0.12em', 'important');
            e.style.setProperty('word-spacing', '0.16em', 'important');
          }
          for (const p of document.querySelectorAll('p')) p.style.setProperty('margin-bottom', '2em', 'important');
        }
        """;

    // Visually hidden text (.vh, the phone list's column headers) is clipped on purpose: it is there for screen readers.
    private const string ClippedText = """
        () => {
          const meantHidden = e => { for (let x = e; x; x = x.parentElement) { if (x.classList.contains('vh') || getComputedStyle(x).clip === 'rect(0px, 0px, 0px, 0px)') return true; } return false; };
          return [...document.querySelectorAll('body *')]
          .filter(e => e.textContent.trim().length > 0 && !meantHidden(e))
          .filter(e => { const s = getComputedStyle(e); return /hidden|clip/.test(s.overflowX + s.overflowY) || /ellipsis/.test(s.textOverflow); })
          .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .slice(0, 10)
          .map(e => e.outerHTML.slice(0, 160) + ` → ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
        }
        """;

    public static TheoryData<string, bool> Pages() => new()
    {
        { "/", false },
        { "/aide/se-connecter", false },
        { "/mot-de-passe-oublie", false },
        { "/accessibilite", false },
        { "/plan-du-site", false },
        { "/courrier", true },
        { "/courrier/ecrire", true },
        { "/contacts", true },
        { "/parametres/preferences", true },
        { "/parametres/securite", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task WithReadersTextSpacing_NothingIsCutOff_At1280And320Px(string url, bool signedIn)
    {
        var (context, page) = await browser.NewPageAsync(fixture.Server, PageChecks.DesktopWidth);
        await using var _ = context;
        if (signedIn)
        {
            await PageActions.SignInAsync(page, WebmailLite.Practice.PracticeSeed.Identifier, WebmailLite.Practice.PracticeSeed.Password);
        }
        await page.GotoAsync(url);
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await page.EvaluateAsync(ApplySpacing);
        var failures = new List<string>();

        foreach (var width in new[] { PageChecks.DesktopWidth, PageChecks.ReflowWidth })
        {
            await page.SetViewportSizeAsync(width, PageChecks.Height);
            await PageChecks.CollectAsync(failures, () => PageChecks.AssertNoSidewaysScrollingAsync(page, $"{url} with text spacing"));
            var clipped = await page.EvaluateAsync<string[]>(ClippedText);
            if (clipped.Length > 0)
            {
                failures.Add($"{url} with text spacing at {width} px cuts text off:\n{string.Join("\n", clipped)}");
            }
        }

        PageChecks.AssertNone(failures);
    }
}

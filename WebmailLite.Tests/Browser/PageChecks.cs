using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The checks every page state gets, as columns on one state built once: axe at <see cref="DesktopWidth"/>, then the
/// same page resized to <see cref="ReflowWidth"/> (WCAG 1.4.10), axe again and nothing scrolling sideways. Resizing is
/// equivalent to loading at that width here: the server's output does not depend on the width (no client hints, no
/// user-agent sniffing, no script of ours that reads the viewport) and the stylesheet's media queries re-apply on
/// resize. Every failing column is reported in one failure, so a fault at one width never hides another.
/// </summary>
public static class PageChecks
{
    public const int DesktopWidth = 1280;
    public const int ReflowWidth = 320;
    public const int Height = 800;

    private static readonly TimeSpan EvaluateTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The page as it is now (JavaScript on): axe at 1280 px, then at 320 px with the reflow check.</summary>
    public static async Task AssertAllWidthsAsync(IPage page, string label, IList<string>? failures = null)
    {
        var own = failures ?? [];
        await page.SetViewportSizeAsync(DesktopWidth, Height);
        await CollectAsync(own, () => Axe.AssertNoViolationsAsync(page, $"{label} at {DesktopWidth} px"));
        await page.SetViewportSizeAsync(ReflowWidth, Height);
        await CollectAsync(own, () => Axe.AssertNoViolationsAsync(page, $"{label} at {ReflowWidth} px"));
        await CollectAsync(own, () => AssertNoSidewaysScrollingAsync(page, label));
        if (failures is null)
        {
            AssertNone(own);
        }
    }

    /// <summary>
    /// For a state reached with JavaScript off: axe never answers in such a context, so the exact HTML that page
    /// received is served again at the same URL in one JavaScript-on page (styles still come from the live server),
    /// and every column runs there.
    /// </summary>
    public static async Task AssertAllWidthsWithoutScriptAsync(BrowserFixture browser, LiveServer? server, IPage noScriptPage, string label, IList<string>? failures = null)
    {
        var html = await noScriptPage.ContentAsync().WaitAsync(EvaluateTimeout);
        var (context, page) = await browser.NewPageAsync(server, DesktopWidth, javaScript: true);
        await using var _ = context;
        await Axe.ServeAgainAsync(page, noScriptPage.Url, html);
        await AssertAllWidthsAsync(page, label + " (no-JS HTML)", failures);
    }

    /// <summary>
    /// WCAG 1.4.10: at the current width nothing needs horizontal scrolling. The page fails whenever the document is
    /// wider than the viewport; the elements past the right edge are listed to help whoever reads the failure.
    /// </summary>
    public static async Task AssertNoSidewaysScrollingAsync(IPage page, string label)
    {
        var overflow = await page.EvaluateAsync<string[]?>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return null;
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 10)
                .map(e => e.outerHTML.slice(0, 160) + ' → right edge ' + Math.round(e.getBoundingClientRect().right) + ' px');
            }
            """).WaitAsync(EvaluateTimeout);
        if (overflow is not null)
        {
            var width = page.ViewportSize?.Width;
            Assert.Fail($"{label} scrolls sideways at {width} px; wider than the viewport:\n{string.Join("\n", overflow)}");
        }
    }

    /// <summary>Runs one column; an assertion failure is kept for the report and the next column still runs.</summary>
    public static async Task CollectAsync(IList<string> failures, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Xunit.Sdk.XunitException failure)
        {
            failures.Add(failure.Message);
        }
    }

    public static void AssertNone(IList<string> failures)
    {
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} check(s) failed:\n\n" + string.Join("\n\n", failures));
        }
    }
}

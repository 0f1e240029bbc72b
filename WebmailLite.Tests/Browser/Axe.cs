using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>axe-core on a real page, WCAG 2.0 to 2.2 A and AA, zero violations expected.</summary>
public static class Axe
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // axe takes well under a second on these pages; a page where it never answers (JS off) must fail, not hang.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs axe on the page as it is now (JavaScript must be on) and fails with every violation spelled out.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string label)
    {
        var result = await RunAsync(page);
        if (result.Violations.Length > 0)
        {
            Assert.Fail(Describe(result, label));
        }
    }

    /// <summary>
    /// For a page loaded with JavaScript off: axe never answers in such a context, so the exact HTML the no-JS page
    /// received is served again at the same URL in a JavaScript-on page of the same width (styles still come from
    /// the live server) and axe runs there.
    /// </summary>
    public static async Task AssertNoViolationsWithoutScriptAsync(BrowserFixture browser, LiveServer? server, string url, string html, int width, string label)
    {
        var (context, page) = await browser.NewPageAsync(server, width, javaScript: true);
        await using var _ = context;
        await ServeAgainAsync(page, url, html);
        await AssertNoViolationsAsync(page, label + " (no-JS HTML)");
    }

    /// <summary>Loads <paramref name="html"/> in <paramref name="page"/> as if <paramref name="url"/> had answered it (its styles and images still come from the server).</summary>
    public static async Task ServeAgainAsync(IPage page, string url, string html)
    {
        await page.RouteAsync(candidate => candidate == url, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = html,
        }));
        await page.GotoAsync(url);
    }

    public static async Task<AxeResult> RunAsync(IPage page)
    {
        var options = new AxeRunOptions { RunOnly = RunOnlyOptions.Tags(WcagTags) };
        try
        {
            return await page.RunAxe(options).WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"axe did not answer within {Timeout.TotalSeconds} s on {page.Url} (is JavaScript off in this context?).");
        }
    }

    /// <summary>One block per rule: what, how bad, where (selector and HTML), and axe's own hint to fix it.</summary>
    public static string Describe(AxeResult result, string label)
    {
        var text = new StringBuilder();
        text.AppendLine($"axe found {result.Violations.Length} WCAG violation(s) on {label} ({result.Url}):");
        foreach (var rule in result.Violations)
        {
            text.AppendLine($"- {rule.Id} [{rule.Impact}] {rule.Help} ({rule.HelpUrl})");
            foreach (var node in rule.Nodes)
            {
                text.AppendLine($"    target: {node.Target}");
                text.AppendLine($"    html:   {Shorten(node.Html)}");
                var hints = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct();
                foreach (var hint in hints)
                {
                    text.AppendLine($"    why:    {hint}");
                }
            }
        }
        return text.ToString();
    }

    private static string Shorten(string? html)
    {
        var oneLine = (html ?? "").ReplaceLineEndings(" ");
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
    }
}

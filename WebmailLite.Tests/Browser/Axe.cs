using System.Text;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

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
        // The page's own scripts stay out: what is checked is the HTML a browser without JavaScript shows (the
        // recipient combobox, for one, would otherwise rewrite the compose fields).
        await page.RouteAsync(candidate => new Uri(candidate).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
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
        try
        {
            return await RunInPageAsync(page).WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"axe did not answer within {Timeout.TotalSeconds} s on {page.Url} (is JavaScript off in this context?).");
        }
    }

    // Deque's page.RunAxe() sends the whole axe-core source (about 550 KB) through Playwright twice per call and
    // finishes every run in a throwaway page: its design for cross-origin iframes, which these pages never have.
    // Here axe-core goes into each document once (a page checked at two widths keeps it) and axe.run() runs in the
    // page itself: the same bundled engine, the same tags. Only violations are detailed (axe's resultTypes option):
    // they are all these tests read, and axe then skips building selectors for every passing node.
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly string Options = JsonConvert.SerializeObject(new AxeRunOptions
    {
        RunOnly = RunOnlyOptions.Tags(WcagTags),
        ResultTypes = [ResultType.Violations],
    });

    private static async Task<AxeResult> RunInPageAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            // On its own lines: the bundle may end with a line comment.
            await page.EvaluateAsync("() => {\n" + AxeSource.Value + "\n}");
        }
        var json = await page.EvaluateAsync<string>("async options => JSON.stringify(await axe.run(document, JSON.parse(options)))", Options);
        return new AxeResult(JObject.Parse(json));
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

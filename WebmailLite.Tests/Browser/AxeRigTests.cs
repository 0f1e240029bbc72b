using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Proves the accessibility rig itself: a page with planted faults fails, with JavaScript on and through the
/// no-JavaScript workaround, and the failure names the rule, the element and its HTML. A green axe test means
/// something only if this one is green too.
/// </summary>
[Collection(GuideBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AxeRigTests(BrowserFixture browser)
{
    // Nothing listens there: the route answers before any connection is tried.
    private const string PlantedUrl = "http://127.0.0.1:9/page-piegee";

    private const string PlantedPage = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Page piégée</title></head>
        <body><main>
        <h1>Formulaire</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <input id="sans-etiquette" type="text">
        <p style="color:#bbb;background:#fff">Texte trop pâle</p>
        </main></body></html>
        """;

    [Fact]
    public async Task PlantedFaults_FailWithRuleTargetAndHtml()
    {
        var (context, page) = await browser.NewPageAsync(null);
        await using var _ = context;
        await ServePlantedPageAsync(page);
        await page.GotoAsync(PlantedUrl);

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.AssertNoViolationsAsync(page, "page piégée"));

        Assert.Contains("html-has-lang", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("color-contrast [serious]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("target: #sans-etiquette", failure.Message, StringComparison.Ordinal);
        Assert.Contains("html:   <input id=\"sans-etiquette\" type=\"text\">", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlantedFaults_InAPageLoadedWithoutJavaScript_AreFoundThroughTheWorkaround()
    {
        var (context, page) = await browser.NewPageAsync(null, javaScript: false);
        await using var _ = context;
        await ServePlantedPageAsync(page);
        await page.GotoAsync(PlantedUrl);
        var html = await page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15));

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(
            () => Axe.AssertNoViolationsWithoutScriptAsync(browser, null, PlantedUrl, html, 320, "page piégée"));

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(no-JS HTML)", failure.Message, StringComparison.Ordinal);
    }

    private static Task ServePlantedPageAsync(IPage page) =>
        page.RouteAsync(url => url == PlantedUrl, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = PlantedPage,
        }));
}

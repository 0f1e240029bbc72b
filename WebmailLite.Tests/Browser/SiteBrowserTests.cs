using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// « Plan du site » and « Déclaration d'accessibilité » in Chromium, French and English, JavaScript on and off: axe at
/// 1280 and 320 px, no sideways scrolling at 320 px, and within 10 KB on a cold cache apart from the shared stylesheet.
/// Also the signed-in pages the statement lists as checked that had no axe test of their own: « Contacts » and
/// « Préférences » (with their required fields marked).
/// </summary>
[Collection(GuideBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SiteBrowserTests(BrowserFixture browser, PracticeLiveServer fixture, ITestOutputHelper output)
{
    private const int BudgetApartFromStylesheet = 10 * 1024;

    private LiveServer Server => fixture.Server;

    public static TheoryData<string, string, bool> States()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var url in new[] { "/plan-du-site", "/accessibilite" })
        {
            foreach (var language in new[] { "fr", "en" })
            {
                data.Add(url, language, true);
                data.Add(url, language, false);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task Page_WithinBudget_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrolling(string url, string language, bool javaScript)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth, javaScript);
        await using var _ = context;
        await GuideBrowserTests.UseLanguageAsync(context, language, Server);
        var failures = new List<string>();
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, url);

        output.WriteLine(cold.Report($"{url} ({language}, JavaScript {(javaScript ? "on" : "off")}), cold cache"));
        var apartFromStylesheet = cold.TotalBytes - (cold.Stylesheet?.EncodedBytes ?? 0);
        output.WriteLine($"SITE-BYTES {url} {language}: {apartFromStylesheet} B apart from the stylesheet ({cold.TotalBytes} B in all, HTML {cold.DecodedHtmlBytes} B decoded)");
        await PageChecks.CollectAsync(failures, () => Task.Run(() => Assert.True(apartFromStylesheet <= BudgetApartFromStylesheet, $"{url} ({language}): {apartFromStylesheet} B apart from the stylesheet > {BudgetApartFromStylesheet}")));
        await PageChecks.CollectAsync(failures, async () => await Expect(page.Locator("h1")).ToHaveCountAsync(1));
        if (javaScript)
        {
            await PageChecks.AssertAllWidthsAsync(page, $"{url} ({language})", failures);
        }
        else
        {
            await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, $"{url} ({language})", failures);
        }
        PageChecks.AssertNone(failures);
    }

    public static TheoryData<string, bool> SignedInPages() => new()
    {
        { "/contacts", true },
        { "/contacts", false },
        { "/contacts/fiche", false },
        { "/contacts/importer", false },
        { "/parametres/preferences", true },
        { "/parametres/preferences", false },
        { "/plan-du-site", false },
    };

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task SignedInPage_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrolling(string url, bool javaScript)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth, javaScript);
        await using var _ = context;
        await PageActions.SignInAsync(page, WebmailLite.Practice.PracticeSeed.Identifier, WebmailLite.Practice.PracticeSeed.Password);

        await page.GotoAsync(url);

        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        if (javaScript)
        {
            await PageChecks.AssertAllWidthsAsync(page, $"{url} (connecté)");
        }
        else
        {
            await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, $"{url} (connecté)");
        }
    }
}

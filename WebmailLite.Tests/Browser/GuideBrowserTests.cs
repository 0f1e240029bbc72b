using Microsoft.Playwright;
using WebmailLite.Guide;
using WebmailLite.Tests.Guide;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Every guide page in Chromium, French and English: within its byte budgets, axe-core finds no WCAG 2.2 A/AA
/// violation at 1280 px and at 320 px, nothing scrolls sideways at 320 px, and the letter's filled-in page passes too.
/// </summary>
[Collection(GuideBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class GuideBrowserTests(BrowserFixture browser, PracticeLiveServer fixture, ITestOutputHelper output)
{
    private LiveServer Server => fixture.Server;

    /// <summary>
    /// Each guide page built once per language, its checks as columns: bytes on a cold then a warm cache (at most
    /// 21 KB with every illustration, then 8 KB), its language, no text under 12 px in its drawings at 1280 px, axe at
    /// 1280 and 320 px, no sideways scrolling at 320 px. Every failing column is reported together.
    /// </summary>
    [Theory]
    [MemberData(nameof(GuidePagesTests.PagesAndLanguages), MemberType = typeof(GuidePagesTests))]
    public async Task GuidePage_WithinItsByteBudgets_HasNoWcagViolations_AndNoSidewaysScrolling(string url, string language)
    {
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await UseLanguageAsync(context, language, Server);
        var failures = new List<string>();

        await PageChecks.CollectAsync(failures, () => GuideBytes.AssertWithinBudgetsAsync(page, url, language, output));
        await PageChecks.CollectAsync(failures, async () => Assert.Equal(language, await page.GetAttributeAsync("html", "lang")));
        await PageChecks.CollectAsync(failures, () => GuideFigures.AssertLegibleAtDesktopWidthAsync(page, $"{url} ({language})", output));
        await PageChecks.AssertAllWidthsAsync(page, $"{url} ({language})", failures);

        PageChecks.AssertNone(failures);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task FilledInLetter_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrollingAt320Px(string language)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth);
        await using var _ = context;
        await UseLanguageAsync(context, language, Server);
        await page.GotoAsync(GuideLinks.Letter);

        await page.FillAsync("#Input_LastName", "Martin");
        await page.FillAsync("#Input_FirstName", "Camille");
        await page.FillAsync("#Input_Numen", "12E3456789ABC");
        await page.FillAsync("#Input_Identifier", "cmartin");
        await page.FillAsync("#Input_School", "Collège Jean Jaurès, Albi");
        await page.FillAsync("#Input_PostalAddress", "12 rue des Lilas\n81000 Albi");
        await page.FillAsync("#Input_Phone", "06 12 34 56 78");
        await page.FillAsync("#Input_Email", "camille.martin@exemple.fr");
        await page.FillAsync("#Input_Message", "Mon compte semble supprimé depuis la rentrée.");
        await page.ClickAsync("main form button[type=submit]");

        await Microsoft.Playwright.Assertions.Expect(page.Locator("article.letter")).ToContainTextAsync("12E3456789ABC");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("article.letter .from")).ToContainTextAsync("06 12 34 56 78");
        // This server sets no Guide:Rectorat: the page says where to find the address.
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#adresse-inconnue")).ToBeVisibleAsync();
        await PageChecks.AssertAllWidthsAsync(page, $"letter, filled in ({language})");
    }

    /// <summary>The form in its error state (an e-mail address without « @ »): summary, field error, no violation.</summary>
    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task LetterWithAnInvalidEmail_HasNoWcagViolations_At1280And320Px(string language)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth);
        await using var _ = context;
        await UseLanguageAsync(context, language, Server);
        await page.GotoAsync(GuideLinks.Letter);

        await page.FillAsync("#Input_Email", "camille.martin");
        await page.ClickAsync("main form button[type=submit]");

        await Microsoft.Playwright.Assertions.Expect(page.Locator("#Input_Email-error")).ToBeVisibleAsync();
        await PageChecks.AssertAllWidthsAsync(page, $"letter, e-mail error ({language})");
    }

    /// <summary>The letter prints alone: the form, header, footer and instructions are hidden by the print stylesheet.</summary>
    [Fact]
    public async Task FilledInLetter_PrintsTheLetterOnly()
    {
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await page.GotoAsync(GuideLinks.Letter);
        await page.FillAsync("#Input_LastName", "Martin");
        await page.ClickAsync("main form button[type=submit]");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.True(await page.IsVisibleAsync("article.letter"));
        foreach (var hidden in new[] { "header.top", "footer.foot", "main form", "main h1" })
        {
            Assert.False(await page.IsVisibleAsync(hidden), $"{hidden} is printed");
        }
        output.WriteLine("Printed: " + (await page.InnerTextAsync("main")).ReplaceLineEndings(" | "));
    }

    /// <summary>The guide is reachable without JavaScript and without signing in, from the sign-in page.</summary>
    [Fact]
    public async Task Guide_FromTheSignInPage_WithoutJavaScript()
    {
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await page.GotoAsync("/");

        await page.ClickAsync($"main a[href='{GuideLinks.Home}']");
        await page.ClickAsync("ol.sections a[href='/aide/mot-de-passe-oublie']");
        await page.ClickAsync("nav.toc a[href='#code-non-recu']");

        Assert.EndsWith("/aide/mot-de-passe-oublie#code-non-recu", page.Url, StringComparison.Ordinal);
        Assert.Equal("Mot de passe oublié", await page.InnerTextAsync("h1"));
    }

    /// <summary>
    /// The cookie the « English » link sets, given directly: following the link would load (and cache) the sign-in
    /// page and its stylesheet, and a cold-cache measure would no longer be cold.
    /// </summary>
    internal static async Task UseLanguageAsync(IBrowserContext context, string language, LiveServer server)
    {
        if (language != "fr")
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en-GB|uic=en-GB", Url = server.BaseUrl }]);
        }
    }
}

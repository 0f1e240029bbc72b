using Microsoft.Playwright;
using WebmailLite.Guide;
using WebmailLite.Tests.Guide;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Every guide page in Chromium, French and English: axe-core finds no WCAG 2.2 A/AA violation at 1280 px and at
/// 320 px, nothing scrolls sideways at 320 px, and the letter's filled-in page passes too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuideBrowserTests(BrowserFixture browser, GuideLiveServer fixture, ITestOutputHelper output) : IClassFixture<GuideLiveServer>
{
    private LiveServer Server => fixture.Server;

    public static TheoryData<string, string, int> PagesLanguagesAndWidths()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var row in GuidePagesTests.PagesAndLanguages())
        {
            foreach (var width in new[] { 1280, 320 })
            {
                data.Add((string)row[0], (string)row[1], width);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesLanguagesAndWidths))]
    public async Task GuidePage_HasNoWcagViolations_AndNoSidewaysScrolling(string url, string language, int width)
    {
        var (context, page) = await browser.NewPageAsync(Server, width);
        await using var _ = context;
        await UseLanguageAsync(context, language, Server);

        await page.GotoAsync(url);

        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await Axe.AssertNoViolationsAsync(page, $"{url} ({language}) at {width} px");
        if (width == 320)
        {
            await AssertNoSidewaysScrollingAsync(page, $"{url} ({language})");
        }
    }

    [Theory]
    [InlineData("fr", 1280)]
    [InlineData("fr", 320)]
    [InlineData("en", 1280)]
    [InlineData("en", 320)]
    public async Task FilledInLetter_HasNoWcagViolations(string language, int width)
    {
        var (context, page) = await browser.NewPageAsync(Server, width);
        await using var _ = context;
        await UseLanguageAsync(context, language, Server);
        await page.GotoAsync(GuideLinks.Letter);

        await page.FillAsync("#Input_LastName", "Martin");
        await page.FillAsync("#Input_FirstName", "Camille");
        await page.FillAsync("#Input_Numen", "12E3456789ABC");
        await page.FillAsync("#Input_Identifier", "cmartin");
        await page.FillAsync("#Input_School", "Collège Jean Jaurès, Albi");
        await page.FillAsync("#Input_Message", "Mon compte semble supprimé depuis la rentrée.");
        await page.ClickAsync("main form button[type=submit]");

        await Microsoft.Playwright.Assertions.Expect(page.Locator("article.letter")).ToContainTextAsync("12E3456789ABC");
        await Axe.AssertNoViolationsAsync(page, $"letter, filled in ({language}) at {width} px");
        if (width == 320)
        {
            await AssertNoSidewaysScrollingAsync(page, $"letter ({language})");
        }
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

    private static async Task AssertNoSidewaysScrollingAsync(IPage page, string label)
    {
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 10)
                .map(e => e.outerHTML.slice(0, 160) + ' → right edge ' + Math.round(e.getBoundingClientRect().right) + ' px');
            }
            """).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(overflow.Length == 0, $"{label} scrolls sideways at 320 px:\n{string.Join("\n", overflow)}");
    }
}

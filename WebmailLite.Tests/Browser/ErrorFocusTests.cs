using Microsoft.Playwright;
using WebmailLite.Practice;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// After a failed submission the focus is on the error summary (WCAG 3.3.1, RGAA 11.10), with JavaScript or without:
/// a screen reader reads the errors first, and the next Tab goes to the first error's link.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ErrorFocusTests(BrowserFixture browser, PracticeLiveServer practice)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WrongPassword_FocusOnTheErrorSummary_ThenTabToItsFirstLink(bool javaScript)
    {
        var context = await browser.NewContextAsync(practice.Server, javaScript: javaScript);
        await using var _ = context;
        var page = await context.NewPageAsync();

        await PageActions.SubmitSignInAsync(page, PracticeSeed.Identifier, "pas-le-bon-mot-de-passe");

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Erreur : "));
        await Expect(page.Locator(".err-sum")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".err-sum li a").First).ToBeFocusedAsync();
    }

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

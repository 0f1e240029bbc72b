using Microsoft.Playwright;
using WebmailLite.Practice;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The inbox as a teacher reads it on a phone between two classes (360 × 740, JavaScript off): the first message on
/// the first screen, reached in a few Tab presses; and at every width, no word cut in the middle and nothing dropped.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneListTests(BrowserFixture browser, PracticeLiveServer practice, ITestOutputHelper output)
{
    private const int PhoneWidth = 360;
    private const int PhoneHeight = 740;

    [Fact]
    public async Task Inbox_At360x740WithoutJavaScript_FirstMessageRowOnTheFirstScreen_ReachedInFiveTabsAtMost()
    {
        var context = await browser.NewContextAsync(practice.Server, PhoneWidth, javaScript: false);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);

        var row = await page.Locator("#liste tbody tr").First.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("No first row.");
        output.WriteLine($"First row: {row.Y:0}–{row.Y + row.Height:0} px of {PhoneHeight}.");
        if (Environment.GetEnvironmentVariable("WEBMAILLITE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "phone-inbox.png") });
        }
        // Where the first screen goes, for whoever reads a failure.
        foreach (var selector in new[] { "header.top", ".practice", "main h1", ".jump", ".filters", ".bulk", "#liste caption" })
        {
            var b = await page.Locator(selector).First.BoundingBoxAsync();
            output.WriteLine($"{selector}: {b?.Y:0}–{b?.Y + b?.Height:0} px");
        }
        Assert.True(row.Y + row.Height <= PhoneHeight, $"The first message row ends at {row.Y + row.Height:0} px, below the first screen ({PhoneHeight} px).");

        // From the top of the page, as a keyboard user arrives: Tab to the skip link, Enter, then Tab to the first message.
        await page.ReloadAsync();
        var presses = 1;
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Aller aux messages", (await page.Locator(".skip:focus").TextContentAsync())?.Trim());
        await page.Keyboard.PressAsync("Enter");
        var firstMessage = page.Locator("#liste tbody tr:first-child th a:focus");
        while (presses < 30 && await firstMessage.CountAsync() == 0)
        {
            await page.Keyboard.PressAsync("Tab");
            presses++;
        }
        output.WriteLine($"Tab presses to the first message: {presses}.");
        Assert.InRange(presses, 1, 5);
    }

    /// <summary>
    /// 320 px is also the desktop at 400 % zoom (1280 / 4, WCAG 1.4.10). A word broken across two lines has two line
    /// boxes; a cell dropped has no box, or one outside the screen.
    /// </summary>
    [Theory]
    [InlineData(320)]
    [InlineData(PhoneWidth)]
    [InlineData(PageChecks.DesktopWidth)]
    public async Task Inbox_AtEveryWidth_NoWordCutInTheMiddle_NoCellDropped(int width)
    {
        var (context, page) = await browser.NewPageAsync(practice.Server, width);
        await using var _ = context;
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);

        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              const width = document.documentElement.clientWidth;
              for (const cell of document.querySelectorAll('#liste tbody th, #liste tbody td')) {
                const box = cell.getBoundingClientRect();
                if (box.width === 0 || box.height === 0 || box.right > width + 1) {
                  out.push('cell not shown: ' + cell.textContent.trim().slice(0, 60));
                }
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  for (const word of node.data.matchAll(/[^\s\-\u2010]+/g)) {
                    const range = document.createRange();
                    range.setStart(node, word.index);
                    range.setEnd(node, word.index + word[0].length);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (lines.size > 1) out.push('word cut: ' + word[0]);
                  }
                }
              }
              return out;
            }
            """);

        Assert.True(problems.Length == 0, $"At {width} px:\n{string.Join("\n", problems)}");
    }
}

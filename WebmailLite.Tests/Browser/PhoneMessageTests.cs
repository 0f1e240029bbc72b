using WebmailLite.Practice;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>A message read on a phone (360 × 740, JavaScript off): its attachment and the first line of its text on the first screen.</summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneMessageTests(BrowserFixture browser, PracticeLiveServer practice, ITestOutputHelper output)
{
    private const int PhoneWidth = 360;
    private const int PhoneHeight = 740;

    [Fact]
    public async Task Message_At360x740WithoutJavaScript_AttachmentAndFirstLineOfTextOnTheFirstScreen()
    {
        var context = await browser.NewContextAsync(practice.Server, PhoneWidth, javaScript: false);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        var href = await page.Locator("#liste tbody th a", new() { HasText = "Note de service : mouvement intra-académique 2026" }).GetAttributeAsync("href");
        await page.GotoAsync(href!);

        // The bottom of the body's first line box: a range over its first character.
        var firstLineBottom = await page.EvaluateAsync<double>("""
            () => {
              const body = document.querySelector('.body');
              // No filter callback: with JavaScript off in the page, a callback cannot run.
              const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
              let node = walker.nextNode();
              while (node && !node.data.trim()) node = walker.nextNode();
              const range = document.createRange();
              const start = node.data.search(/\S/);
              range.setStart(node, start);
              range.setEnd(node, start + 1);
              return range.getBoundingClientRect().bottom + window.scrollY;
            }
            """);
        var attachment = await page.Locator(".att li").First.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("No attachment shown.");
        output.WriteLine($"Attachment ends at {attachment.Y + attachment.Height:0} px; first line of text ends at {firstLineBottom:0} px of {PhoneHeight}.");

        Assert.True(attachment.Y + attachment.Height <= PhoneHeight, $"The attachment ends at {attachment.Y + attachment.Height:0} px, below the first screen.");
        Assert.True(firstLineBottom <= PhoneHeight, $"The first line of text ends at {firstLineBottom:0} px, below the first screen ({PhoneHeight} px).");
    }
}

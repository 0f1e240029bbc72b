using WebmailLite.Practice;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The practice message with an attachment: on a phone (360 × 740, JavaScript off) its attachment and the first line of
/// its text on the first screen; axe at every width, JavaScript on and off; « Autres actions » by keyboard.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneMessageTests(BrowserFixture browser, PracticeLiveServer practice, ITestOutputHelper output)
{
    private const int PhoneWidth = 360;
    private const int PhoneHeight = 740;
    private const string WithAttachment = "Note de service : mouvement intra-académique 2026";

    [Fact]
    public async Task Message_At360x740WithoutJavaScript_AttachmentAndFirstLineOfTextOnTheFirstScreen()
    {
        var context = await browser.NewContextAsync(practice.Server, PhoneWidth, javaScript: false);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await OpenWithAttachmentAsync(page);

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

    [Fact]
    public async Task MessageWithAttachment_NoViolationsAtEveryWidth_JavaScriptOnAndOff()
    {
        var (context, page) = await browser.NewPageAsync(practice.Server, PageChecks.DesktopWidth);
        await using var _ = context;
        var (noScriptContext, noScriptPage) = await browser.NewPageAsync(practice.Server, PageChecks.DesktopWidth, javaScript: false);
        await using var __ = noScriptContext;
        await OpenWithAttachmentAsync(page);
        await OpenWithAttachmentAsync(noScriptPage);

        var failures = new List<string>();
        await PageChecks.AssertAllWidthsAsync(page, "« message avec pièce jointe »", failures);
        await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, practice.Server, noScriptPage, "« message avec pièce jointe »", failures);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>« Autres actions » above the text takes the keyboard to the toolbar after it: the next Tab is in it.</summary>
    [Fact]
    public async Task OtherActions_ByKeyboard_TheNextTabIsInTheToolbarAfterTheText()
    {
        var (context, page) = await browser.NewPageAsync(practice.Server, PageChecks.DesktopWidth, javaScript: false);
        await using var _ = context;
        await OpenWithAttachmentAsync(page);
        var more = page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Autres actions" });

        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");

        Assert.EndsWith("#actions", page.Url, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.closest('#actions') !== null"),
            "After « Autres actions » and one Tab, focus is not in the toolbar: " + await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML ?? 'nothing'"));
    }

    private static async Task OpenWithAttachmentAsync(Microsoft.Playwright.IPage page)
    {
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        var href = await page.Locator("#liste tbody th a", new() { HasText = WithAttachment }).GetAttributeAsync("href");
        await page.GotoAsync(href!);
    }
}

using System.Text.Json;
using Microsoft.Playwright;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>The main journey, as people on old school computers do it: with JavaScript off, and with the keyboard only.</summary>
[Collection(MailServerBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class JourneyTests(BrowserFixture browser, DovecotLiveServer fixture, ITestOutputHelper output)
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task WithJavaScriptOff_SignInReadSignOut_AndNothingOfTheMailboxComesBack()
    {
        var account = await MailServer.Instance.CreateAccountAsync("journey");
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.HtmlOnly(account));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account));
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;

        // Sign in through the real form.
        await PageActions.SignInAsync(page, account.Identifier, account.Password);

        // The inbox lists the three messages, accents intact.
        var table = page.Locator("main table");
        await Expect(table).ToContainTextAsync(TestMessages.PlainSubject);
        await Expect(table).ToContainTextAsync(TestMessages.HtmlSubject);
        await Expect(table).ToContainTextAsync(TestMessages.ThirdSubject);
        await Expect(page.Locator("main tbody tr")).ToHaveCountAsync(3);
        await AssertNoViolationsOfNoScriptPageAsync(page, "boîte de réception sans JavaScript");

        // Open the HTML-only message: its subject is the page's h1, its (sanitized) text is shown.
        await page.GetByRole(AriaRole.Link, new() { Name = TestMessages.HtmlSubject, Exact = true }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/message");
        var messageUrl = page.Url;
        await Expect(page.Locator("h1")).ToHaveTextAsync(TestMessages.HtmlSubject);
        await Expect(page.GetByText(TestMessages.HtmlBodyText)).ToBeVisibleAsync();
        await AssertNoViolationsOfNoScriptPageAsync(page, "message HTML sans JavaScript");

        // Sign out: back on the sign-in page, told so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/");
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync("Vous êtes déconnecté");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToHaveCountAsync(0);
        await AssertNoViolationsOfNoScriptPageAsync(page, "connexion après déconnexion sans JavaScript");

        // The browser's Back button must not bring the message back (no-store; the page is asked of the server again).
        await page.GoBackAsync();
        output.WriteLine($"After Back: {page.Url}");
        var afterBack = await page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(TestMessages.HtmlSubject, afterBack, StringComparison.Ordinal);
        Assert.DoesNotContain(TestMessages.HtmlBodyText, afterBack, StringComparison.Ordinal);
        Assert.DoesNotContain(TestMessages.PlainSubject, afterBack, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToHaveCountAsync(0);

        // The old address of the message leads to the sign-in page.
        await page.GotoAsync(messageUrl);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Se connecter");
        Assert.DoesNotContain(TestMessages.HtmlSubject, await page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15)), StringComparison.Ordinal);
    }

    /// <summary>
    /// JavaScript stays on here only so the test can read the focused element's computed style; the pages
    /// themselves have no script. Every move is a key press: Tab, typing, arrows, Enter.
    /// </summary>
    [Fact]
    public async Task KeyboardOnly_SkipLinkSignInOpenMessageSignOut_WithAVisibleFocusAtEveryStep()
    {
        var account = await MailServer.Instance.CreateAccountAsync("keyboard");
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account));
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await page.GotoAsync("/");

        // First Tab: the skip link, shown, reading « Aller au contenu »; Enter takes the focus to the content.
        var skip = await TabAsync(page);
        Assert.Equal("a", skip.Tag);
        Assert.Equal("Aller au contenu", skip.Text);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("contenu", (await FocusAsync(page)).Id);

        // Identifier and password, typed.
        Assert.Equal("Input_Identifier", (await TabAsync(page)).Id);
        await page.Keyboard.TypeAsync(account.Identifier);
        Assert.Equal("Input_Password", (await TabAsync(page)).Id);
        await page.Keyboard.TypeAsync(account.Password);

        // « Cet ordinateur est : » — Tab lands on the checked radio (« partagé »), the arrow chooses « personnel ».
        Assert.Equal("Input_Computer", (await TabAsync(page)).Id);
        await page.Keyboard.PressAsync("ArrowDown");
        var personal = await FocusAsync(page);
        Assert.Equal("Input_Computer_Personal", personal.Id);
        AssertVisibleFocus(personal, "radio « personnel » after ArrowDown");
        Assert.True(await page.Locator("#Input_Computer_Personal").IsCheckedAsync());

        // The submit button, then Enter.
        var submit = await TabAsync(page);
        Assert.Equal("button", submit.Tag);
        Assert.Equal("Se connecter", submit.Text);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");

        // Tab through the inbox until the first message link, then Enter.
        var first = await TabUntilAsync(page, "main tbody tr:first-child a", maxPresses: 40);
        Assert.Equal(TestMessages.ThirdSubject, first.Text);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/message");
        await Expect(page.Locator("h1")).ToHaveTextAsync(TestMessages.ThirdSubject);

        // Tab to « Se déconnecter » (in the header) and press Enter.
        var signOut = await TabUntilAsync(page, "form.out button", maxPresses: 10);
        Assert.Equal("Se déconnecter", signOut.Text);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/");
        await Expect(page.Locator("main [role=status]")).ToContainTextAsync("Vous êtes déconnecté");
    }

    private async Task AssertNoViolationsOfNoScriptPageAsync(IPage page, string label)
    {
        var html = await page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await Axe.AssertNoViolationsWithoutScriptAsync(browser, Server, page.Url, html, 1280, label);
    }

    private async Task<FocusState> TabAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var focus = await FocusAsync(page);
        AssertVisibleFocus(focus, "after Tab");
        return focus;
    }

    private async Task<FocusState> TabUntilAsync(IPage page, string selector, int maxPresses)
    {
        var path = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await FocusAsync(page);
            path.Add(focus.Describe);
            AssertVisibleFocus(focus, $"after Tab {i + 1} ({string.Join(" → ", path)})");
            if (await IsFocusedAsync(page, selector))
            {
                output.WriteLine($"Reached {selector} after {i + 1} Tab(s): {string.Join(" → ", path)}");
                return focus;
            }
        }
        throw new Xunit.Sdk.XunitException($"{selector} not reached after {maxPresses} Tab presses; focus went: {string.Join(" → ", path)}");
    }

    private static Task<bool> IsFocusedAsync(IPage page, string selector) =>
        page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector).WaitAsync(TimeSpan.FromSeconds(15));

    private static void AssertVisibleFocus(FocusState focus, string when)
    {
        var hasOutline = focus.OutlineStyle != "none" && focus.OutlineWidth >= 2;
        var hasShadow = focus.BoxShadow != "none" && focus.BoxShadow.Length > 0;
        Assert.True(hasOutline || hasShadow,
            $"No visible focus indicator {when} on {focus.Describe}: outline {focus.OutlineStyle} {focus.OutlineWidth}px, box-shadow {focus.BoxShadow}");
        Assert.True(focus.InViewport,
            $"Focused element {focus.Describe} {when} is outside the viewport: {focus.Rect}");
    }

    private static async Task<FocusState> FocusAsync(IPage page)
    {
        var state = await page.EvaluateAsync<JsonElement>("""
            () => {
              const e = document.activeElement || document.body;
              const s = getComputedStyle(e);
              const r = e.getBoundingClientRect();
              const vw = document.documentElement.clientWidth, vh = window.innerHeight;
              return {
                tag: e.tagName.toLowerCase(),
                id: e.id || '',
                text: (e.tagName === 'INPUT' ? '' : (e.innerText || '')).trim().slice(0, 100),
                describe: e.outerHTML.replace(/\s+/g, ' ').slice(0, 120),
                outlineStyle: s.outlineStyle,
                outlineWidth: parseFloat(s.outlineWidth) || 0,
                boxShadow: s.boxShadow,
                inViewport: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= vh && r.right <= vw,
                rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${vw}×${vh}`
              };
            }
            """).WaitAsync(TimeSpan.FromSeconds(15));
        return new FocusState(
            state.GetProperty("tag").GetString()!,
            state.GetProperty("id").GetString()!,
            state.GetProperty("text").GetString()!,
            state.GetProperty("describe").GetString()!,
            state.GetProperty("outlineStyle").GetString()!,
            state.GetProperty("outlineWidth").GetDouble(),
            state.GetProperty("boxShadow").GetString()!,
            state.GetProperty("inViewport").GetBoolean(),
            state.GetProperty("rect").GetString()!);
    }

    private sealed record FocusState(string Tag, string Id, string Text, string Describe, string OutlineStyle, double OutlineWidth, string BoxShadow, bool InViewport, string Rect);
}

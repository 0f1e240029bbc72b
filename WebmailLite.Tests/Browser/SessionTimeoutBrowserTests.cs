using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebmailLite.Practice;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The practice mailbox with a 16-second idle limit on shared computers and the warning 8 seconds before it: the time
/// limit's whole life in a browser in seconds (real values: 15 minutes and 2 minutes). 8 seconds leave axe time to
/// check the warning on a busy machine, and the warning of an extended session comes back only after the original end.
/// </summary>
public sealed class ShortIdlePracticeServer : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(16);
    public static readonly TimeSpan WarningBefore = TimeSpan.FromSeconds(8);

    public LiveServer Server { get; } = LiveServer.Practice(new()
    {
        ["Session:SharedIdleTimeout"] = IdleTimeout.ToString(),
        ["Session:WarningBefore"] = WarningBefore.ToString(),
    });

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// WCAG 2.2.1 in Chromium, as people meet it: with JavaScript, the warning comes, is announced (an alertdialog with its
/// name and text) and takes focus, « Rester connecté » extends the session and gives focus back, and at the end the
/// screen is replaced by the signed-out page — a message being written kept first and found again after signing in.
/// Without JavaScript, a reading page leaves by itself at the end.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SessionTimeoutBrowserTests(BrowserFixture browser, ShortIdlePracticeServer fixture) : IClassFixture<ShortIdlePracticeServer>
{
    private const string WarningTitle = "Votre session va bientôt se terminer";

    // The end, plus what a busy machine may add to a timer and a page load.
    private static readonly float PastTheEndMs = (float)(ShortIdlePracticeServer.IdleTimeout + TimeSpan.FromSeconds(20)).TotalMilliseconds;

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task Warning_IsAnnouncedAndFocused_StaySignedInOrEscape_ExtendsTheSession_AndGivesFocusBack()
    {
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        var loaded = DateTime.UtcNow;
        var first = page.Locator("table.msgs tbody th a").First;
        await first.FocusAsync();
        await Expect(first).ToBeFocusedAsync();

        var warning = page.GetByRole(AriaRole.Alertdialog, new() { Name = WarningTitle });
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToHaveAccessibleDescriptionAsync(new Regex(@"^Sans activité de votre part, vous serez déconnecté dans \d+ secondes?, pour protéger votre messagerie\.$"));
        var stay = warning.GetByRole(AriaRole.Button, new() { Name = "Rester connecté" });
        await Expect(stay).ToBeFocusedAsync();
        // Modal: the page behind is inert, so keyboard and screen reader stay in the warning.
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('expiry').matches(':modal')"));

        await page.Keyboard.PressAsync("Enter");

        await Expect(warning).ToBeHiddenAsync();
        await Expect(first).ToBeFocusedAsync();

        // The warning of the extended session: Escape is « Rester connecté » too (the person is there).
        await Expect(warning).ToBeVisibleAsync();
        await Expect(stay).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(warning).ToBeHiddenAsync();
        await Expect(first).ToBeFocusedAsync();

        // Still signed in past the original end: the end page says the session is still open (and shows no mail).
        var pastOriginalEnd = loaded + ShortIdlePracticeServer.IdleTimeout + TimeSpan.FromSeconds(1);
        if (pastOriginalEnd > DateTime.UtcNow)
        {
            await Task.Delay(pastOriginalEnd - DateTime.UtcNow);
        }
        await page.GotoAsync("/session?retour=%2Fcourrier");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Votre session est toujours ouverte");
        await PageChecks.AssertAllWidthsAsync(page, "session toujours ouverte");
    }

    [Fact]
    public async Task AtTheEnd_AMessageOnScreen_IsReplacedByTheSignedOutPage_AndBackDoesNotBringItBack_NoWcagViolationsInTheWarning()
    {
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        await page.Locator("table.msgs tbody th a").First.ClickAsync();
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/message");
        var text = (await page.Locator(".body").InnerTextAsync()).Trim();
        var secret = text[..Math.Min(40, text.Length)];
        Assert.False(string.IsNullOrWhiteSpace(secret));

        var warning = page.GetByRole(AriaRole.Alertdialog, new() { Name = WarningTitle });
        await Expect(warning).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "avertissement de fin de session");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = PastTheEndMs });
        await PageActions.WaitForLoadAsync(page);
        Assert.Contains("session=expiree", page.Url);
        await Expect(page.Locator(".banner[role=status]")).ToContainTextAsync("Votre session a expiré");
        Assert.DoesNotContain(secret, await page.ContentAsync());

        // The message's entry in the history was replaced: Back goes to the inbox, which asks to sign in.
        await page.GoBackAsync();
        await PageActions.WaitForLoadAsync(page);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain(secret, await page.ContentAsync());
    }

    [Fact]
    public async Task AtTheEnd_AMessageBeingWritten_IsKept_ThenFoundAgainAfterSigningIn()
    {
        var subject = "Conseil pédagogique " + Guid.NewGuid().ToString("N")[..6];
        const string body = "Bonjour à toutes et à tous,\n\nle conseil pédagogique est avancé au jeudi 14 h.\n\nCamille";
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, PracticeSeed.SecondIdentifier, PracticeSeed.Password);
        await page.GotoAsync("/courrier/ecrire");
        await page.GetByLabel("Objet").FillAsync(subject);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync(body);

        var warning = page.GetByRole(AriaRole.Alertdialog, new() { Name = WarningTitle });
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("Ce que vous avez écrit sera conservé");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = PastTheEndMs });
        await PageActions.WaitForLoadAsync(page);
        await Expect(page.Locator(".banner[role=status]")).ToContainTextAsync("Votre message en cours a été conservé : il s'ouvrira après la connexion.");
        Assert.DoesNotContain("conseil pédagogique est avancé", await page.ContentAsync());

        await PageActions.SubmitSignInAsync(page, PracticeSeed.SecondIdentifier, PracticeSeed.Password);
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/ecrire");
        await Expect(page.GetByLabel("Objet")).ToHaveValueAsync(subject);
        await Expect(page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync(body);
    }

    [Fact]
    public async Task WithJavaScriptOff_AReadingPage_LeavesByItselfAtTheEnd()
    {
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        var firstSubject = (await page.Locator("table.msgs tbody th").First.InnerTextAsync()).Trim();
        Assert.Contains("Cette page se fermera alors d'elle-même.", await page.Locator("footer").InnerTextAsync());

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = PastTheEndMs });
        await PageActions.WaitForLoadAsync(page);

        Assert.Equal("?session=expiree&retour=%2Fcourrier", new Uri(page.Url).Query);
        await Expect(page.Locator(".banner[role=status]")).ToContainTextAsync("Votre session a expiré");
        Assert.DoesNotContain(firstSubject, await page.ContentAsync());
    }
}

using System.Security.Cryptography;
using Microsoft.Playwright;
using WebmailLite.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The app in front of the test Dovecot with a 3-second idle limit on shared computers, so a session can expire while
/// the browser sits on the compose page.
/// </summary>
public sealed class ShortSessionLiveServer : IDisposable
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);

    public LiveServer Server { get; } = LiveServer.Dovecot(new()
    {
        ["Session:SharedIdleTimeout"] = IdleTimeout.ToString(),
        ["Session:WarningBefore"] = "00:00:01",
        ["SignIn:MaxFailuresPerAddress"] = "1000",
    });

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// In Chromium with JavaScript off: the session expires while writing, « Envoyer » keeps the message, signing in brings
/// it back whole; « Enregistrer le brouillon » says it saved. axe on those pages at 1280 and 320 px, reflow at 320 px.
/// </summary>
[Collection(SettingsBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class ComposeRescueBrowserTests(BrowserFixture browser, ShortSessionLiveServer fixture) : IClassFixture<ShortSessionLiveServer>
{
    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task WithJavaScriptOff_SessionExpiresWhileWriting_Envoyer_SignIn_TheTextIsBack()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("navexpire", "navexpire-dest");
        var (me, recipient) = (accounts[0], accounts[1]);
        var subject = "Sortie au planétarium : liste définitive " + Guid.NewGuid().ToString("N")[..6];
        const string body = "Bonjour,\n\nvoici la liste définitive des élèves de 6e A.\nDépart 8 h 15, retour vers 17 h.\n\nÉlodie";
        var file = RandomNumberGenerator.GetBytes(15_000);
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, me.Identifier, me.Password);
        await page.GotoAsync("/courrier/ecrire");
        await page.GetByLabel("À", new() { Exact = true }).FillAsync(recipient.Address);
        await page.GetByLabel("Objet").FillAsync(subject);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync(body);
        await page.GetByLabel("Ajouter des pièces jointes").SetInputFilesAsync(new FilePayload { Name = "liste 6e A.pdf", MimeType = "application/pdf", Buffer = file });

        // The person stops to think; the shared-computer limit passes.
        await Task.Delay(ShortSessionLiveServer.IdleTimeout + TimeSpan.FromSeconds(1.5));
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/");
        var notice = page.Locator(".banner[role=status]");
        await Expect(notice).ToContainTextAsync("Votre session a expiré");
        await Expect(notice).ToContainTextAsync("Votre message en cours a été conservé : il s'ouvrira après la connexion.");
        await Axe.AssertNoViolationsWithoutScriptAsync(browser, Server, page.Url, await ContentAsync(page), 1280, "connexion, message conservé");

        await PageActions.SubmitSignInAsync(page, me.Identifier, me.Password);
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/ecrire");
        await Expect(page.Locator(".banner.restored")).ToContainTextAsync("votre message a été conservé");
        await Expect(page.GetByLabel("À", new() { Exact = true })).ToHaveValueAsync(recipient.Address);
        await Expect(page.GetByLabel("Objet")).ToHaveValueAsync(subject);
        await Expect(page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync(body);
        await Expect(page.Locator(".atts label")).ToHaveTextAsync("Retirer « liste 6e A.pdf » (15 Ko)");
        Assert.DoesNotContain("Erreur", await page.TitleAsync());

        await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, "écrire, message conservé");
    }

    [Fact]
    public async Task WithJavaScriptOff_SaveDraft_TheBannerSaysSo_NoWcagViolations()
    {
        var me = await MailServer.Instance.CreateAccountAsync("navbrouillon");
        var subject = "Idées pour la kermesse " + Guid.NewGuid().ToString("N")[..6];
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, me.Identifier, me.Password);
        await page.GotoAsync("/courrier/ecrire");
        await page.GetByLabel("Objet").FillAsync(subject);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Stand de crêpes, tombola.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();

        await PageActions.WaitForUrlAsync(page, url => url.Query.StartsWith("?brouillon=", StringComparison.Ordinal));
        await Expect(page.Locator(".banner.ok[role=status]")).ToContainTextAsync("Brouillon enregistré à");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Modifier le brouillon");
        await Expect(page.GetByLabel("Objet")).ToHaveValueAsync(subject);
        await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, "brouillon enregistré");
    }

    private static Task<string> ContentAsync(IPage page) => page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15));
}

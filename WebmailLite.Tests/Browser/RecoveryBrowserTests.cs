using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Each recovery method walked in Chromium with JavaScript off and the keyboard only (Tab, typing, arrows, space,
/// Enter — no click), with axe (WCAG 2.2 A/AA) at 1280 and 320 px and reflow at 320 px on every step and every error
/// state met on the way.
/// </summary>
[Collection(RecoveryBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class RecoveryBrowserTests(BrowserFixture browser, RecoveryLiveServer fixture, ITestOutputHelper output) : IClassFixture<RecoveryLiveServer>
{
    private const string NewPassword = "un merle chante dans le tilleul";

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task CodeByMail_KeyboardOnly_WithoutJavaScript()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("clavier", "perso");
        var (person, personal) = (accounts[0], accounts[1]);
        fixture.AddContact(person, personal);
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;

        await StartAsync(page, person.Identifier, withErrors: true);
        await ChooseMethodAsync(page, arrowDowns: 0, withError: true);

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/courriel");
        await AssertAccessibleAsync(page, "code par courriel");
        await TabToAsync(page, "main form button");
        await page.Keyboard.PressAsync("Enter");

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/code");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync(RecoveryService.Mask(personal.Address));
        var mail = await MailServer.Instance.WaitForMessageAsync(personal, "Votre code pour changer de mot de passe");
        await FinishAsync(page, CapturingSystemMail.CodeIn(mail), withErrors: true);
        await AssertPasswordChangedAsync(person);
    }

    [Fact]
    public async Task Assistance_KeyboardOnly_WithoutJavaScript_DeskIncluded()
    {
        var person = await MailServer.Instance.CreateAccountAsync("appel");
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;

        await StartAsync(page, person.Identifier, withErrors: false);
        await ChooseMethodAsync(page, arrowDowns: 1, withError: false);

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/assistance");
        await AssertAccessibleAsync(page, "demande d'assistance");
        await TabToAsync(page, "main form button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".err-sum")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "demande d'assistance, erreur");
        await TabToAsync(page, "#Input_HowToReach");
        await page.Keyboard.TypeAsync("05 55 12 34 56, le matin");
        await TabToAsync(page, "#Input_Message");
        await page.Keyboard.TypeAsync("Mot de passe perdu après les vacances.");
        await TabToAsync(page, "main form button");
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/assistance/envoyee");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Demande envoyée");
        await AssertAccessibleAsync(page, "demande envoyée");

        // The agent, on the desk (JavaScript off too).
        var code = await GiveCodeFromTheDeskAsync(person);

        await TabToAsync(page, "main a.button");
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/code");
        await FinishAsync(page, code, withErrors: false);
        await AssertPasswordChangedAsync(person);
    }

    [Fact]
    public async Task BackupAddress_KeyboardOnly_WithoutJavaScript()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("questions", "secours");
        var (person, backup) = (accounts[0], accounts[1]);
        var enrolments = Server.Services.GetRequiredService<IEnrolmentStore>();
        var hasher = Server.Services.GetRequiredService<AnswerHasher>();
        enrolments.SetBackupAddress(person.Identifier, backup.Address);
        enrolments.SetQuestions(person.Identifier,
        [
            EnrolledQuestion.From("Le prénom de ma grand-mère ?", hasher.Hash("Hélène")),
            EnrolledQuestion.From("Mon premier poste ?", hasher.Hash("Collège de Guéret")),
        ]);
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;

        await StartAsync(page, person.Identifier, withErrors: false);
        await ChooseMethodAsync(page, arrowDowns: 2, withError: false);

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/questions/1");
        await Expect(page.Locator("label[for=Input_Answer]")).ToHaveTextAsync("Le prénom de ma grand-mère ? (obligatoire)");
        await AssertAccessibleAsync(page, "question 1");
        await TabToAsync(page, "#Input_Answer");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".err-sum")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "question 1, erreur");
        await TabToAsync(page, "#Input_Answer");
        await page.Keyboard.TypeAsync("helene");
        await page.Keyboard.PressAsync("Enter");

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/questions/2");
        await AssertAccessibleAsync(page, "question 2");
        await TabToAsync(page, "#Input_Answer");
        await page.Keyboard.TypeAsync("college de gueret");
        await page.Keyboard.PressAsync("Enter");

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/code");
        var mail = await MailServer.Instance.WaitForMessageAsync(backup, "Votre code pour changer de mot de passe");
        await FinishAsync(page, CapturingSystemMail.CodeIn(mail), withErrors: false);
        await AssertPasswordChangedAsync(person);
    }

    /// <summary>Every page of the journey within 10 KB on the wire: the first one with a cold cache (stylesheet included), then each HTML.</summary>
    [Fact]
    public async Task EveryStep_Within10KBOnTheWire()
    {
        const int Budget = 10 * 1024;
        var person = await MailServer.Instance.CreateAccountAsync("octets");
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, "/mot-de-passe-oublie");
        output.WriteLine(cold.Report("/mot-de-passe-oublie (cold)"));
        var stylesheet = cold.Stylesheet?.EncodedBytes ?? 0;
        Assert.True(cold.TotalBytes <= Budget, cold.Report("cold"));

        await page.Locator("#Input_Identifier").FillAsync(person.Identifier);
        await page.Locator("main form button").ClickAsync();
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/methode");
        foreach (var path in new[]
        {
            "/mot-de-passe-oublie/methode", "/mot-de-passe-oublie/courriel", "/mot-de-passe-oublie/assistance",
            "/mot-de-passe-oublie/assistance/envoyee", "/mot-de-passe-oublie/questions/1", "/mot-de-passe-oublie/code",
        })
        {
            var figures = await meter.MeasureAsync(page, path);
            var document = figures.Document.EncodedBytes;
            output.WriteLine($"{path}: HTML {document} B on the wire ({figures.DecodedHtmlBytes} B decoded); with a cold stylesheet {document + stylesheet} B");
            Assert.True(document + stylesheet <= Budget, figures.Report(path));
        }
    }

    private async Task StartAsync(IPage page, string identifier, bool withErrors)
    {
        await page.GotoAsync("/");
        await TabToAsync(page, "main a[href='/mot-de-passe-oublie']");
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie");
        await AssertAccessibleAsync(page, "mot de passe oublié");
        if (withErrors)
        {
            await TabToAsync(page, "#Input_Identifier");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator(".err-sum")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, "mot de passe oublié, erreur");
        }
        await TabToAsync(page, "#Input_Identifier");
        await page.Keyboard.TypeAsync(identifier);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/methode");
        await AssertAccessibleAsync(page, "choix de la méthode");
    }

    /// <summary>Tab to the radio group, arrows to the method (which checks it), Enter submits.</summary>
    private async Task ChooseMethodAsync(IPage page, int arrowDowns, bool withError)
    {
        if (withError)
        {
            await TabToAsync(page, "main form button");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator(".err-sum")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, "choix de la méthode, erreur");
        }
        await TabToAsync(page, "#Input_Method");
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < arrowDowns; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.Keyboard.PressAsync("Enter");
    }

    private async Task FinishAsync(IPage page, string code, bool withErrors)
    {
        await AssertAccessibleAsync(page, "saisir le code");
        if (withErrors)
        {
            await TabToAsync(page, "#Input_Code");
            await page.Keyboard.TypeAsync(code == "00000000" ? "11111111" : "00000000");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#Input_Code-error")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, "saisir le code, erreur");
        }
        await TabToAsync(page, "#Input_Code");
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/nouveau-mot-de-passe");
        await AssertAccessibleAsync(page, "nouveau mot de passe");
        if (withErrors)
        {
            await TabToAsync(page, "#Input_Password");
            await page.Keyboard.TypeAsync("trop court");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#Input_Password-error")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, "nouveau mot de passe, erreur");
            // « Afficher le mot de passe » without JavaScript: a round trip that keeps the typed text.
            await TabToAsync(page, "#Input_Password");
            await page.Keyboard.TypeAsync(NewPassword);
            await TabToAsync(page, "main form button[formaction]");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#Input_Password")).ToHaveAttributeAsync("type", "text");
            await Expect(page.Locator("#Input_Password")).ToHaveValueAsync(NewPassword);
            await AssertAccessibleAsync(page, "nouveau mot de passe affiché");
            await TabToAsync(page, "#Input_Password");
        }
        else
        {
            await TabToAsync(page, "#Input_Password");
            await page.Keyboard.TypeAsync(NewPassword);
        }
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/mot-de-passe-oublie/termine");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mot de passe changé");
        await AssertAccessibleAsync(page, "mot de passe changé");
    }

    private async Task<string> GiveCodeFromTheDeskAsync(TestAccount person)
    {
        var (context, desk) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(desk, fixture.Agent.Identifier, fixture.Agent.Password);
        await desk.GotoAsync("/assistance");
        await AssertAccessibleAsync(desk, "assistance : demandes");
        await desk.Locator("tbody tr", new() { HasText = person.Identifier }).Locator("a").ClickAsync();
        await Expect(desk.Locator("h1")).ToContainTextAsync("Demande n°");
        await AssertAccessibleAsync(desk, "assistance : une demande");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Donner un code" }).ClickAsync();
        await Expect(desk.Locator(".err-sum")).ToBeVisibleAsync();
        await AssertAccessibleAsync(desk, "assistance : erreur");
        await desk.Locator("#Input_IdentityCheck").FillAsync("Rappelé au numéro de l'annuaire ; NUMEN et date de naissance confirmés.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Donner un code" }).ClickAsync();
        var shown = await desk.Locator(".code-shown").InnerTextAsync();
        await AssertAccessibleAsync(desk, "assistance : code donné");
        return shown.Replace(" ", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (read through CSS <c>:focus</c>, which needs no page script).</summary>
    private static async Task TabToAsync(IPage page, string selector, int maxPresses = 30)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.Locator(selector + ":focus").CountAsync() > 0)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"{selector} not reached after {maxPresses} Tab presses on {page.Url}.");
    }

    /// <summary>The step's no-JS HTML served once again: axe at 1280 and 320 px, reflow at 320 px (see <see cref="PageChecks"/>).</summary>
    private Task AssertAccessibleAsync(IPage page, string label) =>
        PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, label);

    private static async Task AssertPasswordChangedAsync(TestAccount person)
    {
        using (var client = await MailServer.Instance.ConnectImapAsync(person with { Password = NewPassword }))
        {
            Assert.True(client.IsAuthenticated);
            await client.DisconnectAsync(true);
        }
        await Assert.ThrowsAsync<AuthenticationException>(() => MailServer.Instance.ConnectImapAsync(person));
    }
}

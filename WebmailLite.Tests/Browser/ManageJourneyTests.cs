using Microsoft.Playwright;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Managing mail in Chromium on the real Dovecot: with JavaScript off every action is a form that comes back to the
/// same list with a banner; with JavaScript on htmx swaps only the list, the page stays, the focus stays on the
/// button pressed, and the polite live region says what happened.
/// </summary>
[Collection(MailServerBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class ManageJourneyTests(BrowserFixture browser, DovecotLiveServer fixture, ITestOutputHelper output)
{
    private LiveServer Server => fixture.Server;

    private static async Task<TestAccount> MailboxAsync(string prefix)
    {
        var account = await MailServer.Instance.CreateAccountAsync(prefix);
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account, day: 0));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.HtmlOnly(account, day: 1));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account, day: 2));
        return account;
    }

    // Named by the message's subject, sender and date: found by the subject it starts with.
    private static ILocator Checkbox(IPage page, string subject) =>
        // Named by the row header: its states (« Non lu »…) and then the subject.
        page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("(^|\\s)" + System.Text.RegularExpressions.Regex.Escape(subject) + "(\\s|$)") });

    private static ILocator Rows(IPage page) => page.Locator("#liste tbody tr");

    [Fact]
    public async Task WithJavaScriptOff_TickAndAct_EachActionComesBackToTheListWithABanner()
    {
        var account = await MailboxAsync("gerer-sansjs");
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, account.Identifier, account.Password);

        // Ticked by its name: the checkbox is labelled by the message's subject, sender and date.
        await Checkbox(page, TestMessages.HtmlSubject).CheckAsync();
        await Checkbox(page, TestMessages.ThirdSubject).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme lu" }).ClickAsync();
        await PageActions.WaitForLoadAsync(page);

        Assert.Equal("/courrier", new Uri(page.Url).PathAndQuery);
        await Expect(page.Locator("#statut[role=status] .banner")).ToHaveTextAsync("2 messages marqués comme lus.");
        await Expect(Checkbox(page, TestMessages.HtmlSubject)).ToBeCheckedAsync();
        await Expect(page.Locator("#liste tbody tr.u")).ToHaveCountAsync(1);
        await AssertNoViolationsWithoutScriptAsync(page, "liste après « marquer comme lu » sans JavaScript");

        // The ticks were kept: delete the same two straight away.
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await Expect(page.Locator("#statut .banner")).ToHaveTextAsync("2 messages mis à la corbeille.");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await Expect(page.Locator("#liste")).Not.ToContainTextAsync(TestMessages.HtmlSubject);

        // Move the last one with the select and its button.
        await Checkbox(page, TestMessages.PlainSubject).CheckAsync();
        await page.GetByLabel("Déplacer vers").SelectOptionAsync(new SelectOptionValue { Label = "Archives" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer", Exact = true }).ClickAsync();
        await Expect(page.Locator("#statut .banner")).ToHaveTextAsync("1 message déplacé vers « Archives ».");
        await Expect(page.Locator("#liste")).ToContainTextAsync("Ce dossier ne contient aucun message.");

        // From the trash, deleting for good asks first, on its own page.
        await page.GotoAsync("/courrier?dossier=Trash");
        await Checkbox(page, TestMessages.ThirdSubject).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Supprimer définitivement ce message ?");
        await AssertNoViolationsWithoutScriptAsync(page, "confirmation de suppression définitive sans JavaScript");
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, supprimer définitivement" }).ClickAsync();
        await Expect(page.Locator("#statut .banner")).ToHaveTextAsync("1 message supprimé définitivement.");
        await Expect(Rows(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task WithJavaScriptOn_HtmxSwapsOnlyTheList_FocusStays_AndTheLiveRegionAnnounces()
    {
        var account = await MailboxAsync("gerer-htmx");
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        var posts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Add($"{request.Url} HX-Request={request.Headers.GetValueOrDefault("hx-request")}");
            }
        };
        await PageActions.SignInAsync(page, account.Identifier, account.Password);
        await PageActions.HtmxReadyAsync(page);
        // A mark on the window: it survives an htmx swap and dies with a full page load.
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var liveRegion = page.Locator("#statut");
        await Expect(liveRegion).ToHaveAttributeAsync("role", "status");
        await Expect(liveRegion).ToBeEmptyAsync();

        await Checkbox(page, TestMessages.HtmlSubject).CheckAsync();
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme lu" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(liveRegion).ToHaveTextAsync("1 message marqué comme lu.");
        // htmx takes the fragment's top-level <title>: the tab says the outcome first, as after a full page load.
        await Expect(page).ToHaveTitleAsync("1 message marqué comme lu – Boîte de réception – Messagerie académique");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded instead of swapped");
        Assert.True(await button.EvaluateAsync<bool>("b => b === document.activeElement"), "the focus left the button pressed");
        await Expect(page.Locator("#liste tbody tr.u")).ToHaveCountAsync(2);
        await Expect(Checkbox(page, TestMessages.HtmlSubject)).ToBeCheckedAsync();
        await Expect(page.Locator("nav.folders li").First).ToContainTextAsync("2 non lus");

        // Reported as junk: the row leaves, the folder list counts it in « Indésirables ».
        await page.GetByRole(AriaRole.Button, new() { Name = "Signaler comme indésirable" }).ClickAsync();
        await Expect(liveRegion).ToHaveTextAsync("1 message signalé comme indésirable et déplacé dans « Indésirables ».");
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await Expect(page.Locator("#liste")).Not.ToContainTextAsync(TestMessages.HtmlSubject);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

        // Nothing ticked: said in the live region, nothing else changes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Suivre", Exact = true }).ClickAsync();
        await Expect(liveRegion).ToHaveTextAsync("Cochez au moins un message.");
        await Expect(page).ToHaveTitleAsync("Erreur : Boîte de réception – Messagerie académique");
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await Axe.AssertNoViolationsAsync(page, "liste après des actions htmx");

        output.WriteLine(string.Join("\n", posts));
        Assert.All(posts.Skip(1), p => Assert.EndsWith("HX-Request=true", p, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WithJavaScriptOn_DeleteForGood_StillGoesThroughTheConfirmationPage()
    {
        var account = await MailboxAsync("gerer-effacer");
        await MailServer.Instance.AppendAsync(account, "Trash", TestMessages.Plain(account, day: 5));
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, account.Identifier, account.Password);
        await page.GotoAsync("/courrier?dossier=Trash");
        await PageActions.HtmxReadyAsync(page);

        await Checkbox(page, TestMessages.PlainSubject).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();

        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/effacer");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Supprimer définitivement ce message ?");
        await Axe.AssertNoViolationsAsync(page, "confirmation de suppression définitive (JavaScript)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Non, revenir à « Corbeille »" }).ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(1);
    }

    private async Task AssertNoViolationsWithoutScriptAsync(IPage page, string label)
    {
        var html = await page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await Axe.AssertNoViolationsWithoutScriptAsync(browser, Server, page.Url, html, 1280, label);
    }
}

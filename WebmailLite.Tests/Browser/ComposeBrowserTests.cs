using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Composing and sending in Chromium: with JavaScript off, with the keyboard only, and axe-core on every state of the
/// compose and outbox pages at 1280 and 320 px.
/// </summary>
[Collection(MailServerBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class ComposeBrowserTests(BrowserFixture browser, ComposeLiveServer fixture, ITestOutputHelper output) : IClassFixture<ComposeLiveServer>
{
    public const string Empty = "écrire, vide";
    public const string InvalidAddresses = "écrire, adresses invalides et fichier gardé";
    public const string NoRecipient = "écrire, sans destinataire";
    public const string FileTooLarge = "écrire, fichier trop gros";
    public const string ServerRefusal = "écrire, adresse refusée par le serveur";
    public const string Reply = "répondre";
    public const string Outbox = "en attente d'envoi";
    public const string OutboxEmpty = "en attente d'envoi, vide";
    public const string OutboxInterrupted = "en attente d'envoi, envoi interrompu";
    public const string CancelConfirmation = "annuler l'envoi : confirmation";
    public const string TakenBack = "écrire, message repris de l'attente";
    public const string OutboxTooLate = "en attente d'envoi, envoi déjà commencé (bandeau) et message mis de côté";

    private static readonly string[] AllStates =
    [
        Empty, InvalidAddresses, NoRecipient, FileTooLarge, ServerRefusal, Reply, Outbox, OutboxEmpty, OutboxInterrupted,
        CancelConfirmation, TakenBack, OutboxTooLate,
    ];

    private LiveServer Server => fixture.Server;

    public static TheoryData<string> States() => new(AllStates);

    /// <summary>Each state built once; axe at 1280 and 320 px and reflow at 320 px are columns on it (see <see cref="PageChecks"/>).</summary>
    [Theory]
    [MemberData(nameof(States))]
    public async Task Page_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrollingAt320Px(string state)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth);
        await using var _ = context;
        await GoToStateAsync(state, page);

        await PageChecks.AssertAllWidthsAsync(page, $"« {state} »");
    }

    [Fact]
    public async Task WithJavaScriptOff_WriteWithAFile_FixAnError_Send_ItArrives()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("sansjs", "sansjs-dest");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var subject = "Réunion parents-professeurs : créneaux " + Guid.NewGuid().ToString("N")[..6];
        var file = RandomNumberGenerator.GetBytes(15_000);
        var (context, page) = await browser.NewPageAsync(Server, javaScript: false);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Écrire un message" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/ecrire");
        await Axe.AssertNoViolationsWithoutScriptAsync(browser, Server, page.Url, await ContentAsync(page), 1280, "écrire sans JavaScript");
        // A typo in the address, a file chosen: the error comes back with the file kept on the server.
        await page.GetByLabel("À", new() { Exact = true }).FillAsync(recipient.Identifier + "@ac-test");
        await page.GetByLabel("Objet").FillAsync(subject);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Bonjour,\n\nLes créneaux sont affichés en salle des professeurs.\n\nÉlodie");
        await page.GetByLabel("Ajouter des pièces jointes").SetInputFilesAsync(new FilePayload { Name = "créneaux.pdf", MimeType = "application/pdf", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await PageActions.WaitForLoadAsync(page);

        Assert.StartsWith("Erreur : ", await page.TitleAsync());
        await Expect(page.Locator(".err-sum")).ToContainTextAsync("n'est pas une adresse valide");
        await Expect(page.Locator(".atts label")).ToHaveTextAsync("Retirer « créneaux.pdf » (15 Ko)");
        await Expect(page.GetByLabel("Objet")).ToHaveValueAsync(subject);
        await Axe.AssertNoViolationsWithoutScriptAsync(browser, Server, page.Url, await ContentAsync(page), 1280, "écrire sans JavaScript, erreur");

        await page.GetByLabel("À", new() { Exact = true }).FillAsync(recipient.Address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");
        await Expect(page.Locator(".banner.ok")).ToContainTextAsync($"Votre message « {subject} » a été envoyé.");

        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal("Bonjour,\n\nLes créneaux sont affichés en salle des professeurs.\n\nÉlodie", delivered.TextBody!.ReplaceLineEndings("\n"));
        var part = delivered.Attachments.OfType<MimePart>().Single();
        Assert.Equal("créneaux.pdf", part.FileName);
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        Assert.Equal(file, content.ToArray());
    }

    /// <summary>Every move a key press; JavaScript stays on only so the test can read where the focus is.</summary>
    [Fact]
    public async Task KeyboardOnly_Compose_Send_FindItInSent()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("clavier", "clavier-dest");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var subject = "Remplacement en 5e C jeudi " + Guid.NewGuid().ToString("N")[..6];
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, sender.Identifier, sender.Password);

        await TabUntilAsync(page, ".side .write a", 15);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/ecrire");

        await TabUntilAsync(page, "#Input_To", 15);
        await page.Keyboard.TypeAsync(recipient.Address);
        Assert.Equal("Input_Cc", (await TabAsync(page)).Id);
        Assert.Equal("Input_Bcc", (await TabAsync(page)).Id);
        Assert.Equal("Input_Subject", (await TabAsync(page)).Id);
        await page.Keyboard.TypeAsync(subject);
        Assert.Equal("Input_Body", (await TabAsync(page)).Id);
        await page.Keyboard.TypeAsync("Bonjour,");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("M. Girard remplace Mme Martin jeudi en 5e C.");
        // Tab leaves the text area (it does not type a tab), then the file input, then « Envoyer ».
        Assert.Equal("Input_Files", (await TabAsync(page)).Id);
        var send = await TabAsync(page);
        Assert.Equal("Envoyer", send.Text);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");
        await Expect(page.Locator(".banner.ok[role=status]")).ToContainTextAsync(subject);

        await TabUntilAsync(page, ".banner.ok a", 20);
        await page.Keyboard.PressAsync("Enter");
        await PageActions.WaitForUrlAsync(page, url => url.Query.Contains("dossier=Sent", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Envoyés");
        await Expect(page.Locator("main tbody tr").First).ToContainTextAsync(subject);
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        // SMTP ends a 7-bit body with a line break (the final CRLF before the dot); the text itself is as typed.
        Assert.Equal("Bonjour,\nM. Girard remplace Mme Martin jeudi en 5e C.", delivered.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
    }

    [Fact]
    public async Task ComposePage_Bytes_ColdAndAfterSignIn()
    {
        var account = await MailServer.Instance.CreateAccountAsync("octets-ecrire");
        var (warmContext, signInPage) = await browser.NewPageAsync(Server);
        await using var _ = warmContext;
        await PageActions.SignInAsync(signInPage, account.Identifier, account.Password);
        var warmMeter = await NetworkMeter.AttachAsync(signInPage);
        var afterSignIn = await warmMeter.MeasureAsync(signInPage, "/courrier/ecrire");

        // Nothing cached but the session cookie.
        var cookies = await warmContext.CookiesAsync();
        var (coldContext, page) = await browser.NewPageAsync(Server);
        await using var __ = coldContext;
        await coldContext.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite }));
        var meter = await NetworkMeter.AttachAsync(page);
        var cold = await meter.MeasureAsync(page, "/courrier/ecrire");

        output.WriteLine(cold.Report("Compose, cold cache"));
        output.WriteLine(afterSignIn.Report("Compose, stylesheet cached by the sign-in page"));
        Assert.Equal("/courrier/ecrire", new Uri(page.Url).AbsolutePath);
        // The HTML, the stylesheet, the recipient suggestions' script (2.4 KB compressed) and the session's time-limit
        // script (1.8 KB): both deferred, cached for a year.
        Assert.True(cold.Network.Count <= 4, $"Compose cold: {cold.Network.Count} requests.\n{cold.Report("cold")}");
        Assert.All(cold.Network.Where(r => r.ResourceType == "Script"), r => Assert.True(r.Url.Contains("/js/recipients.", StringComparison.Ordinal) || r.Url.Contains("/js/session-timeout.", StringComparison.Ordinal), r.Url));
        Assert.True(cold.DecodedHtmlBytes <= 8 * 1024, $"Compose HTML decoded {cold.DecodedHtmlBytes} bytes > 8 KB.");
        // The inbox's cold budget (one first round trip): 12 KB until every signed-in page loaded the session script too.
        Assert.True(cold.TotalBytes <= 14 * 1024, $"Compose cold {cold.TotalBytes} bytes > 14 KB.\n{cold.Report("cold")}");
    }

    /// <summary>
    /// Kestrel refuses bodies over 30 MB by default: the compose page alone reads up to <c>Mail:Compose:MaxRequestBytes</c>,
    /// so a file far over the attachment limit is still received and refused politely, with what was typed kept.
    /// </summary>
    [Fact]
    public async Task Kestrel_FileOverItsDefaultBodyLimit_IsRefusedPolitely_TextKept()
    {
        var account = await MailServer.Instance.CreateAccountAsync("gros-fichier");
        // Through Kestrel (the port the browser uses), not the in-memory test server, which has no body limit.
        var client = Server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(Server.BaseUrl),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        // Over Kestrel the factory's client follows redirects whatever the options say: only the landing page matters.
        await client.SignInAsync(account.Identifier, account.Password);
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        Assert.NotNull(page.Query("form.compose"));

        var response = await page.SubmitAsync(client, "form.compose", new Dictionary<string, string>
        {
            ["Input.To"] = account.Address,
            ["Input.Subject"] = "Vidéo de la chorale",
        }, [new UploadFile("Input.Files", "chorale.mp4", "video/mp4", new byte[31 * 1024 * 1024])]);
        var result = await HtmlPage.LoadAsync(response);

        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        Assert.Contains("« chorale.mp4 » (31 Mo) n'a pas été ajouté", result.Text("#Input_Files-error"));
        Assert.Equal("Vidéo de la chorale", result.Query("#Input_Subject")!.GetAttribute("value"));
    }

    /// <summary>Brings the page to the named state, checking it got there.</summary>
    private async Task GoToStateAsync(string state, IPage page)
    {
        var account = await MailServer.Instance.CreateAccountAsync("axe-ecrire");
        await PageActions.SignInAsync(page, account.Identifier, account.Password);
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" });
        switch (state)
        {
            case Empty:
                await page.GotoAsync("/courrier/ecrire");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Nouveau message");
                break;

            case InvalidAddresses:
                await page.GotoAsync("/courrier/ecrire");
                await page.Locator("#Input_To").FillAsync("pas-une-adresse; " + account.Address);
                await page.Locator("#Input_Cc").FillAsync("jean@");
                await page.Locator("#Input_Bcc").FillAsync("Dupont <dupont@ac-test>");
                await page.Locator("#Input_Subject").FillAsync("Réunion de jeudi");
                await page.Locator("#Input_Files").SetInputFilesAsync(new FilePayload { Name = "ordre-du-jour.pdf", MimeType = "application/pdf", Buffer = new byte[3000] });
                await send.ClickAsync();
                await Expect(page.Locator(".err-sum a")).ToHaveCountAsync(3);
                await Expect(page.Locator(".atts li")).ToHaveCountAsync(1);
                break;

            case NoRecipient:
                await page.GotoAsync("/courrier/ecrire");
                await send.ClickAsync();
                await Expect(page.Locator(".err-sum")).ToContainTextAsync("Indiquez au moins un destinataire");
                break;

            case FileTooLarge:
                await page.GotoAsync("/courrier/ecrire");
                await page.Locator("#Input_To").FillAsync(account.Address);
                await page.Locator("#Input_Files").SetInputFilesAsync(new FilePayload { Name = "video-sortie.mp4", MimeType = "video/mp4", Buffer = new byte[ComposeLiveServer.MaxAttachmentBytes + 1] });
                await send.ClickAsync();
                await Expect(page.Locator("#Input_Files-error")).ToContainTextAsync("« video-sortie.mp4 »");
                break;

            case ServerRefusal:
                await page.GotoAsync("/courrier/ecrire");
                await page.Locator("#Input_To").FillAsync("refus-definitif@" + MailServer.Instance.Domain);
                await page.Locator("#Input_Subject").FillAsync("Adresse inconnue");
                await send.ClickAsync();
                await Expect(page.Locator("#Input_To-error")).ToContainTextAsync("Adresse inconnue");
                break;

            case Reply:
            {
                var uid = await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
                await page.GotoAsync($"/courrier/ecrire?dossier=INBOX&repondre={uid!.Value.Id}");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Répondre");
                await Expect(page.Locator("#Input_Subject")).ToHaveValueAsync("Re: " + TestMessages.PlainSubject);
                break;
            }

            case Outbox:
                // A 4xx for this address: the message waits in the outbox, with Postfix running for everyone else.
                await page.GotoAsync("/courrier/ecrire");
                await page.Locator("#Input_To").FillAsync("refus-temporaire@" + MailServer.Instance.Domain);
                await page.Locator("#Input_Subject").FillAsync("Boîte pleine");
                await send.ClickAsync();
                await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/attente");
                await Expect(page.Locator("table.outbox tbody tr")).ToHaveCountAsync(1);
                break;

            case OutboxInterrupted:
            {
                // A send cut off by a stop of the app that nothing could settle: the explanation and its two buttons.
                var id = StoreOutboxMessage(account, "Sortie au musée : autorisations", "app-crashed");
                Assert.True(OutboxStore.MarkInterrupted(id, "app-crashed"));
                await page.GotoAsync("/courrier/attente");
                await Expect(page.Locator("table.outbox tbody tr form button")).ToHaveCountAsync(2);
                break;
            }

            case CancelConfirmation:
                StoreWaiting(account, "Sortie au musée : autorisations");
                await page.GotoAsync("/courrier/attente");
                await page.GetByRole(AriaRole.Link, new() { Name = "Annuler l'envoi « Sortie au musée : autorisations »" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync("Annuler l'envoi de ce message ?");
                await Expect(page.Locator("main dd").First).ToHaveTextAsync("Sortie au musée : autorisations");
                break;

            case TakenBack:
                StoreWaiting(account, "Sortie au musée : autorisations");
                await page.GotoAsync("/courrier/attente");
                await page.GetByRole(AriaRole.Button, new() { Name = "Modifier « Sortie au musée : autorisations »" }).ClickAsync();
                await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/ecrire");
                await Expect(page.Locator(".banner.info")).ToContainTextAsync("ne partira pas tant que");
                await Expect(page.Locator("#Input_Subject")).ToHaveValueAsync("Sortie au musée : autorisations");
                break;

            case OutboxTooLate:
            {
                // One message set aside to be edited, one being sent, one waiting whose « Modifier » is pressed just as
                // an attempt takes it (played by pointing its form at the one being sent): the notice, and every row.
                var setAside = StoreWaiting(account, "Conseil de classe : ordre du jour");
                Assert.Equal(WebmailLite.Mail.Outbox.TakeBackStatus.Done, OutboxStore.TakeBack(setAside, account.Identifier).Status);
                var sending = StoreOutboxMessage(account, "Liste des délégués", "app-sending");
                StoreWaiting(account, "Cantine : menus de la semaine");
                await page.GotoAsync("/courrier/attente");
                await page.Locator("form[action*='handler=TakeBack'] input[name=id]").EvaluateAsync("(e, id) => e.value = id", sending);
                await page.GetByRole(AriaRole.Button, new() { Name = "Modifier « Cantine : menus de la semaine »" }).ClickAsync();
                await Expect(page.Locator(".banner.warn")).ToContainTextAsync("L'envoi de « Liste des délégués » a déjà commencé");
                await Expect(page.Locator("table.outbox tbody tr")).ToHaveCountAsync(3);
                break;
            }

            case OutboxEmpty:
                await page.GotoAsync("/courrier/attente");
                await Expect(page.Locator("h1")).ToHaveTextAsync("En attente d'envoi");
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown page state.");
        }
    }

    private WebmailLite.Mail.Outbox.IOutboxStore OutboxStore => Server.Services.GetRequiredService<WebmailLite.Mail.Outbox.IOutboxStore>();

    private string StoreOutboxMessage(TestAccount account, string subject, string leaseOwner) =>
        OutboxMessages.StoreSending(OutboxStore, account, MailboxAddress.Parse(account.Address), subject, leaseOwner, TimeSpan.FromMinutes(5));

    /// <summary>Its next attempt an hour away, so that no pass takes it during the test.</summary>
    private string StoreWaiting(TestAccount account, string subject) =>
        OutboxMessages.StoreWaiting(OutboxStore, account, MailboxAddress.Parse(account.Address), subject, DateTime.UtcNow.AddHours(1));

    private static Task<string> ContentAsync(IPage page) => page.ContentAsync().WaitAsync(TimeSpan.FromSeconds(15));

    private async Task<Focus> TabAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var focus = await page.EvaluateAsync<JsonElement>("""
            () => {
              const e = document.activeElement || document.body;
              const s = getComputedStyle(e);
              return { id: e.id || '', text: (e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' ? '' : (e.innerText || '')).trim(),
                       describe: e.outerHTML.replace(/\s+/g, ' ').slice(0, 100),
                       visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow.length > 0) };
            }
            """).WaitAsync(TimeSpan.FromSeconds(15));
        var result = new Focus(focus.GetProperty("id").GetString()!, focus.GetProperty("text").GetString()!, focus.GetProperty("describe").GetString()!);
        Assert.True(focus.GetProperty("visible").GetBoolean(), $"No visible focus on {result.Describe}");
        return result;
    }

    private async Task TabUntilAsync(IPage page, string selector, int maxPresses)
    {
        var path = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            path.Add((await TabAsync(page)).Describe);
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector).WaitAsync(TimeSpan.FromSeconds(15)))
            {
                output.WriteLine($"Reached {selector} after {i + 1} Tab(s)");
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"{selector} not reached after {maxPresses} Tab presses: {string.Join(" → ", path)}");
    }

    private sealed record Focus(string Id, string Text, string Describe);
}

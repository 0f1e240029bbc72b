using Microsoft.Playwright;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// axe-core (WCAG 2.0–2.2 A/AA) on every state of the pages people meet first, at a desktop width and at 320 px
/// (WCAG 1.4.10 reflow width, where nothing may scroll sideways), plus the accessibility tree of the message list.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class AccessibilityTests(BrowserFixture browser, AccessibilityServers servers, ITestOutputHelper output) : IClassFixture<AccessibilityServers>
{
    public const string SignInEmpty = "connexion";
    public const string SignInEmptySubmit = "connexion, champs vides";
    public const string SignInWrongPassword = "connexion, mot de passe refusé";
    public const string SignInUnavailable = "connexion, service injoignable";
    public const string SignInTooManyAttempts = "connexion, trop de tentatives";
    public const string SignInMaintenance = "connexion, maintenance annoncée";
    public const string SessionExpired = "connexion, session expirée";
    public const string PracticeInbox = "boîte de réception (entraînement)";
    public const string PlainMessage = "message texte";
    public const string HtmlMessage = "message HTML nettoyé";
    public const string LongMessage = "message long, partie 2";
    public const string Help = "aide à la connexion";
    public const string ForgotPassword = "mot de passe oublié";
    public const string NotFound = "page introuvable";

    private static readonly string[] AllStates =
        [SignInEmpty, SignInEmptySubmit, SignInWrongPassword, SignInUnavailable, SignInTooManyAttempts, SignInMaintenance, SessionExpired, PracticeInbox, PlainMessage, HtmlMessage, LongMessage, Help, ForgotPassword, NotFound];

    public static TheoryData<string> States() => new(AllStates);

    /// <summary>Each state built once; axe at 1280 and 320 px and reflow at 320 px are columns on it (see <see cref="PageChecks"/>).</summary>
    [Theory]
    [MemberData(nameof(States))]
    public async Task Page_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrollingAt320Px(string state)
    {
        var (context, page) = await OpenAsync(state);
        await using var _ = context;

        await PageChecks.AssertAllWidthsAsync(page, $"« {state} »");
    }

    [Fact]
    public async Task Inbox_AccessibilityTree_TableNamedByItsCaption_ColumnHeaders_UnreadSaidInText()
    {
        var account = await MailServer.Instance.CreateAccountAsync("ariatree");
        // Oldest first: the list shows the newest (last appended) at the top. The plain one is already read.
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account, day: 0), seen: true);
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.HtmlOnly(account, day: 1));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account, day: 2));
        var (context, page) = await browser.NewPageAsync(servers.Dovecot);
        await using var _ = context;

        await PageActions.SignInAsync(page, account.Identifier, account.Password);

        var table = page.Locator("main table");
        // The tree as it is, for whoever has to read a failure.
        output.WriteLine(await table.AriaSnapshotAsync());
        // Dates are fixed in March 2024 so they read the same every day; sizes are matched loosely.
        // The first column holds the checkboxes of the toolbar, each named by its message's states, subject, sender and
        // date (aria-labelledby). The subject is the row header, its states first: a row reads « Non lu subject; sender;
        // date; size », and moving down the date column names the message.
        await Expect(table).ToMatchAriaSnapshotAsync("""
            - 'table "Boîte de réception : 3 messages, page 1 sur 1"':
              - caption: "Boîte de réception : 3 messages, page 1 sur 1"
              - rowgroup:
                - row "Sélection Objet Expéditeur Date Taille":
                  - columnheader "Sélection"
                  - columnheader "Objet"
                  - columnheader "Expéditeur"
                  - columnheader "Date"
                  - columnheader "Taille"
              - rowgroup:
                - 'row /^Non lu Réunion parents-professeurs : créneaux Chloé Petit 14 mars 2024 (Non lu )?\d+ (octets|Ko)$/':
                  - 'cell "Non lu Réunion parents-professeurs : créneaux Chloé Petit 14 mars 2024"':
                    - 'checkbox "Non lu Réunion parents-professeurs : créneaux Chloé Petit 14 mars 2024"'
                  - 'rowheader "Non lu Réunion parents-professeurs : créneaux"':
                    - text: Non lu
                    - 'link "Réunion parents-professeurs : créneaux"'
                  - cell "Chloé Petit"
                  - cell "14 mars 2024"
                  - cell /^\d+ (octets|Ko)$/
                - row /^Non lu Sortie pédagogique au musée d'Orsay Loïc Garnier 13 mars 2024 (Non lu )?\d+ (octets|Ko)$/:
                  - cell "Non lu Sortie pédagogique au musée d'Orsay Loïc Garnier 13 mars 2024":
                    - checkbox "Non lu Sortie pédagogique au musée d'Orsay Loïc Garnier 13 mars 2024"
                  - rowheader "Non lu Sortie pédagogique au musée d'Orsay":
                    - text: Non lu
                    - link "Sortie pédagogique au musée d'Orsay"
                  - cell "Loïc Garnier"
                  - cell "13 mars 2024"
                  - cell /^\d+ (octets|Ko)$/
                - 'row /^Conseil de classe de 4e B : ordre du jour Hélène Dubois 12 mars 2024 \d+ (octets|Ko)$/':
                  - 'cell "Conseil de classe de 4e B : ordre du jour Hélène Dubois 12 mars 2024"':
                    - 'checkbox "Conseil de classe de 4e B : ordre du jour Hélène Dubois 12 mars 2024"'
                  - 'rowheader "Conseil de classe de 4e B : ordre du jour"':
                    - 'link "Conseil de classe de 4e B : ordre du jour"'
                  - cell "Hélène Dubois"
                  - cell "12 mars 2024"
                  - cell /^\d+ (octets|Ko)$/
            """);
        // The read message must not say « Non lu » (the anchored row name above says so too; this reads plainer).
        await Expect(page.Locator("main tbody tr").Nth(2)).Not.ToContainTextAsync("Non lu");
    }

    /// <summary>Brings a fresh page (own context, caller disposes it) to the named state, and checks it got there.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string state)
    {
        var server = state switch
        {
            SignInUnavailable => servers.Unavailable,
            SignInMaintenance => servers.Maintenance,
            PracticeInbox => servers.Practice,
            _ => servers.Dovecot,
        };
        var (context, page) = await browser.NewPageAsync(server, PageChecks.DesktopWidth);
        try
        {
            await GoToStateAsync(state, page);
            return (context, page);
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    private static async Task GoToStateAsync(string state, IPage page)
    {
        var errorLinks = page.Locator(".err-sum a[href^='#']");
        switch (state)
        {
            case SignInEmpty:
                await page.GotoAsync("/");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Se connecter");
                break;

            case SignInEmptySubmit:
                await PageActions.SubmitSignInAsync(page, "", "");
                await Expect(errorLinks).ToHaveCountAsync(2);
                await Expect(page.Locator("#Input_Identifier-error")).ToBeVisibleAsync();
                await Expect(page.Locator("#Input_Password-error")).ToBeVisibleAsync();
                break;

            case SignInWrongPassword:
            {
                var account = await MailServer.Instance.CreateAccountAsync("axe-refus");
                await PageActions.SubmitSignInAsync(page, account.Identifier, "pas-le-bon-mot-de-passe");
                await Expect(page.Locator(".err-sum")).ToContainTextAsync("L'identifiant académique ou le mot de passe est incorrect");
                break;
            }

            case SignInUnavailable:
                await PageActions.SubmitSignInAsync(page, "cmartin", "un-mot-de-passe");
                await Expect(page.Locator(".err-sum")).ToContainTextAsync("Le service de messagerie ne répond pas");
                break;

            case SignInTooManyAttempts:
            {
                // SignIn:MaxFailuresPerIdentifier = 1 on this server: one refusal, and the next attempt is held back.
                var identifier = "inconnu-" + Guid.NewGuid().ToString("N")[..8];
                await PageActions.SubmitSignInAsync(page, identifier, "essai-1");
                await Expect(page.Locator(".err-sum")).ToContainTextAsync("incorrect");
                await PageActions.SubmitSignInAsync(page, identifier, "essai-2");
                await Expect(page.Locator(".err-sum")).ToContainTextAsync("Trop de tentatives");
                break;
            }

            case SignInMaintenance:
                await page.GotoAsync("/");
                await Expect(page.Locator("section.banner")).ToContainTextAsync("Maintenance du service de messagerie");
                break;

            case SessionExpired:
                await page.GotoAsync("/?session=expiree");
                await Expect(page.Locator("main [role=status]")).ToContainTextAsync("Votre session a expiré");
                break;

            case PracticeInbox:
                await PageActions.SignInAsync(page, WebmailLite.Practice.PracticeSeed.Identifier, WebmailLite.Practice.PracticeSeed.Password);
                await Expect(page.Locator("main table tbody tr").First).ToBeVisibleAsync();
                break;

            case PlainMessage:
            {
                var account = await MailServer.Instance.CreateAccountAsync("axe-texte");
                var uid = await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
                await PageActions.SignInAsync(page, account.Identifier, account.Password);
                await page.GotoAsync(PageActions.MessageUrl(uid!.Value.Id));
                await Expect(page.Locator("h1")).ToHaveTextAsync(TestMessages.PlainSubject);
                await Expect(page.Locator(".body.text")).ToContainTextAsync(TestMessages.PlainBodyStart);
                break;
            }

            case HtmlMessage:
            {
                var account = await MailServer.Instance.CreateAccountAsync("axe-html");
                var uid = await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.HtmlOnly(account));
                await PageActions.SignInAsync(page, account.Identifier, account.Password);
                await page.GotoAsync(PageActions.MessageUrl(uid!.Value.Id));
                await Expect(page.Locator("h1")).ToHaveTextAsync(TestMessages.HtmlSubject);
                var body = page.Locator(".body.html");
                await Expect(body).ToContainTextAsync(TestMessages.HtmlBodyText);
                // Really the sanitized HTML: no script, no handler, the remote tracker not loaded.
                await Expect(body.Locator("script, [onclick], img[src^='https://suivi']")).ToHaveCountAsync(0);
                break;
            }

            case LongMessage:
            {
                // About 3 MB: read from Dovecot by parts, a page at a time.
                var account = await MailServer.Instance.CreateAccountAsync("axe-long");
                var uid = await MailServer.Instance.AppendAsync(account, "INBOX", LongMessages.Html(account.Address, paragraphs: 30_000));
                await PageActions.SignInAsync(page, account.Identifier, account.Password);
                await page.GotoAsync(PageActions.MessageUrl(uid!.Value.Id));
                await Expect(page.Locator("#msg-long")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Ce message est long : cette page en montre la partie 1 sur \\d+\\.$"));
                // « Afficher la suite » is a real link: followed from the keyboard, it opens the next page.
                await page.GetByRole(AriaRole.Link, new() { Name = "Afficher la suite" }).FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                await PageActions.WaitForUrlAsync(page, url => url.Query.Contains("suite=2", StringComparison.Ordinal));
                await Expect(page.Locator("#msg-long")).ToContainTextAsync("partie 2 sur");
                await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Suite du message" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Afficher la suite", "Télécharger le message"]);
                break;
            }

            case Help:
                await page.GotoAsync("/aide");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Aide à la connexion");
                break;

            case ForgotPassword:
                await page.GotoAsync("/mot-de-passe-oublie");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Mot de passe oublié");
                break;

            case NotFound:
            {
                var response = await page.GotoAsync("/cette-page-n-existe-pas");
                Assert.Equal(404, response?.Status);
                await Expect(page.Locator("h1")).ToHaveTextAsync("Page introuvable");
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown page state.");
        }
    }
}

using Microsoft.Playwright;
using WebmailLite.Practice;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// axe-core (WCAG 2.0–2.2 A/AA) and reflow at 320 px on every page of managing and searching mail: the list with its
/// checkboxes and toolbar, its states after an action, search results, every confirmation page, the folder pages.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ManageAccessibilityTests(BrowserFixture browser, PracticeLiveServer fixture)
{
    public const string ListWithCheckboxes = "liste avec cases à cocher";
    public const string ListAfterHtmxAction = "liste après une action (htmx, zone d'annonce)";
    public const string ListSelectionError = "liste, aucune case cochée (sans JavaScript)";
    public const string ListSelectionErrorHtmx = "liste, aucune case cochée (htmx, zone d'annonce)";
    public const string ListAfterAction = "liste après une action (sans JavaScript, bandeau)";
    public const string ListSorted = "liste triée par expéditeur";
    public const string SearchInFolder = "résultats de recherche dans le dossier";
    public const string SearchEverywhere = "résultats de recherche dans tous les dossiers";
    public const string SearchInFolderWithoutScript = "résultats de recherche dans le dossier (sans JavaScript)";
    public const string SearchAllSelected = "résultats de recherche, tout sélectionné (sans JavaScript)";
    public const string SearchAfterAction = "résultats de recherche après une action (sans JavaScript, bandeau)";
    public const string MessageFromResults = "message ouvert depuis les résultats de recherche";
    public const string SearchNothing = "recherche sans résultat";
    public const string SearchEmpty = "recherche vide (erreur)";
    public const string EraseConfirmation = "confirmation de suppression définitive";
    public const string EmptyConfirmation = "confirmation pour vider la corbeille";
    public const string FoldersPage = "gérer les dossiers";
    public const string FoldersError = "gérer les dossiers, nom refusé";
    public const string RenamePage = "renommer un dossier";
    public const string DeleteFolderConfirmation = "supprimer un dossier : confirmation";
    public const string DeleteFolderRefused = "supprimer un dossier : refus, dossier non vide";
    public const string MessageWithToolbar = "message avec sa barre d'actions";
    public const string ListUnreadOnly = "liste, non lus seulement";
    public const string ListAllSelected = "liste, tout sélectionné (sans JavaScript)";
    public const string MarkAllReadConfirmation = "confirmation pour tout marquer comme lu";

    private static readonly string[] AllStates =
    [
        ListWithCheckboxes, ListAfterHtmxAction, ListSelectionError, ListSelectionErrorHtmx, ListAfterAction, ListSorted, SearchInFolder, SearchEverywhere,
        SearchNothing, SearchEmpty, EraseConfirmation, EmptyConfirmation, FoldersPage, FoldersError, RenamePage,
        DeleteFolderConfirmation, DeleteFolderRefused, MessageWithToolbar, ListUnreadOnly, ListAllSelected, MarkAllReadConfirmation,
        SearchInFolderWithoutScript, SearchAllSelected, SearchAfterAction, MessageFromResults,
    ];

    // States reached with JavaScript off: every column runs on the exact HTML served without JavaScript (see
    // PageChecks). The same click with JavaScript on answers in the live region instead: a state of its own.
    private static readonly HashSet<string> WithoutScript =
        [ListSelectionError, ListAfterAction, ListAllSelected, SearchInFolderWithoutScript, SearchAllSelected, SearchAfterAction];

    private LiveServer Server => fixture.Server;

    public static TheoryData<string> States() => new(AllStates);

    /// <summary>
    /// Each state built once; axe at 1280 and 320 px and reflow at 320 px (the toolbar and forms wrap) are columns on
    /// it (see <see cref="PageChecks"/>). States reached without JavaScript are checked on the HTML served without it.
    /// </summary>
    [Theory]
    [MemberData(nameof(States))]
    public async Task Page_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrollingAt320Px(string state)
    {
        var javaScript = !WithoutScript.Contains(state);
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth, javaScript);
        await using var _ = context;

        await GoToStateAsync(state, page, javaScript);

        if (javaScript)
        {
            await PageChecks.AssertAllWidthsAsync(page, $"« {state} »");
        }
        else
        {
            await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, $"« {state} »");
        }
    }

    private static async Task GoToStateAsync(string state, IPage page, bool javaScriptOn)
    {
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        var status = page.Locator("#statut[role=status]");
        switch (state)
        {
            case ListWithCheckboxes:
                await Expect(page.Locator("#liste tbody tr")).ToHaveCountAsync(25);
                await Expect(page.Locator("#liste tbody input[type=checkbox]")).ToHaveCountAsync(25);
                break;

            case ListAfterHtmxAction:
            case ListAfterAction:
            {
                if (javaScriptOn)
                {
                    await PageActions.HtmxReadyAsync(page);
                }
                var box = page.Locator("#liste tbody input[type=checkbox]").Nth(3);
                await box.CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Suivre", Exact = true }).ClickAsync();
                await Expect(status).ToContainTextAsync("1 message suivi.");
                await Expect(page.Locator("#liste tbody input[type=checkbox]").Nth(3)).ToBeCheckedAsync();
                break;
            }

            case ListSelectionError:
            case ListSelectionErrorHtmx:
                if (javaScriptOn)
                {
                    await PageActions.HtmxReadyAsync(page);
                }
                await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme lu" }).ClickAsync();
                if (javaScriptOn)
                {
                    await Expect(status).ToContainTextAsync("Cochez au moins un message.");
                }
                else
                {
                    await Expect(page.Locator(".err-sum")).ToContainTextAsync("Cochez au moins un message.");
                    await Expect(page.Locator("#selection-error")).ToBeVisibleAsync();
                }
                break;

            case ListSorted:
                await page.Locator("#tri").SelectOptionAsync("expediteur");
                await page.GetByRole(AriaRole.Button, new() { Name = "Trier" }).ClickAsync();
                await Expect(page.Locator("caption")).ToContainTextAsync("triés par expéditeur");
                break;

            case SearchInFolder:
                await page.Locator("#q").FillAsync("conseil");
                await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
                await Expect(page.Locator("p.found")).ToContainTextAsync("correspondent à « conseil »");
                await Expect(page.Locator("#liste tbody input[type=checkbox]").First).ToBeVisibleAsync();
                break;

            case SearchInFolderWithoutScript:
                await page.GotoAsync("/courrier/recherche?q=conseil");
                await Expect(page.Locator("#liste tbody input[type=checkbox]").First).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tout sélectionner" })).ToBeVisibleAsync();
                break;

            case SearchAllSelected:
                await page.GotoAsync("/courrier/recherche?q=conseil");
                await page.GetByRole(AriaRole.Link, new() { Name = "Tout sélectionner" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tout désélectionner" })).ToBeVisibleAsync();
                await Expect(page.Locator("#liste tbody input[type=checkbox]:not(:checked)")).ToHaveCountAsync(0);
                break;

            case SearchAfterAction:
                await page.GotoAsync("/courrier/recherche?q=conseil");
                await page.Locator("#liste tbody input[type=checkbox]").First.CheckAsync();
                // The toolbar folds away below 48em (a disclosure): open it when it is closed.
                if (!await page.GetByRole(AriaRole.Button, new() { Name = "Suivre", Exact = true }).IsVisibleAsync())
                {
                    await page.Locator("form.sel details summary").ClickAsync();
                }
                await page.GetByRole(AriaRole.Button, new() { Name = "Suivre", Exact = true }).ClickAsync();
                await Expect(status).ToContainTextAsync("1 message suivi.");
                await Expect(page.Locator("p.found")).ToContainTextAsync("« conseil »");
                break;

            case MessageFromResults:
                await page.GotoAsync("/courrier/recherche?q=conseil");
                await page.Locator("#liste tbody th a").First.ClickAsync();
                await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/message");
                await Expect(page.Locator("p.back a")).ToHaveTextAsync("Retour : résultats de la recherche");
                break;

            case SearchEverywhere:
                await page.Locator("#q").FillAsync("sortie");
                await page.Locator("#portee").SelectOptionAsync("tous");
                await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
                await Expect(page.Locator("p.found")).ToContainTextAsync("dans tous les dossiers");
                break;

            case SearchNothing:
                await page.GotoAsync("/courrier/recherche?q=piscine");
                await Expect(page.Locator("p.found")).ToHaveTextAsync("Aucun message ne correspond à « piscine » dans « Boîte de réception ».");
                break;

            case SearchEmpty:
                await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
                await Expect(page.Locator(".err-sum")).ToContainTextAsync("Saisissez un ou plusieurs mots");
                break;

            case EraseConfirmation:
                await page.GotoAsync("/courrier?dossier=Trash");
                await page.Locator("#liste tbody input[type=checkbox]").First.CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
                await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/effacer");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Supprimer définitivement ce message ?");
                break;

            case EmptyConfirmation:
                await page.GotoAsync("/courrier?dossier=Junk");
                await page.GetByRole(AriaRole.Link, new() { Name = "Vider les indésirables" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync("Vider le dossier « Indésirables » ?");
                break;

            case FoldersPage:
                await page.GetByRole(AriaRole.Link, new() { Name = "Gérer les dossiers" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync("Gérer les dossiers");
                break;

            case FoldersError:
                await page.GotoAsync("/courrier/dossiers");
                await page.Locator("#Input_Name").FillAsync("M. Dupont");
                await page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
                await Expect(page.Locator("#Input_Name-error")).ToBeVisibleAsync();
                break;

            case RenamePage:
                await page.GotoAsync("/courrier/dossiers");
                await page.GetByRole(AriaRole.Link, new() { Name = $"Renommer le dossier « {PracticeSeed.TripsFolder} »" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync($"Renommer le dossier « {PracticeSeed.TripsFolder} »");
                break;

            case DeleteFolderConfirmation:
            {
                var name = "Vide " + Guid.NewGuid().ToString("N")[..6];
                await page.GotoAsync("/courrier/dossiers");
                await page.Locator("#Input_Name").FillAsync(name);
                await page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
                await Expect(status).ToContainTextAsync("a été créé");
                await page.GetByRole(AriaRole.Link, new() { Name = $"Supprimer le dossier « {name} »" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync($"Supprimer le dossier « {name} » ?");
                break;
            }

            case DeleteFolderRefused:
                await page.GotoAsync("/courrier/dossiers/supprimer?dossier=" + Uri.EscapeDataString(PracticeSeed.CouncilsFolder));
                await Expect(page.Locator("h1")).ToContainTextAsync("ne peut pas être supprimé");
                break;

            case MessageWithToolbar:
                await page.Locator("#liste tbody a").Nth(2).ClickAsync();
                await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier/message");
                await Expect(page.Locator("fieldset.tools legend")).ToHaveTextAsync("Ce message");
                break;

            case ListUnreadOnly:
                await page.GetByRole(AriaRole.Link, new() { Name = "Non lus seulement" }).ClickAsync();
                await Expect(page.Locator("caption")).ToContainTextAsync("non lus seulement");
                break;

            case ListAllSelected:
                await page.GetByRole(AriaRole.Link, new() { Name = "Tout sélectionner" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tout désélectionner" })).ToBeVisibleAsync();
                await Expect(page.Locator("#liste tbody input[type=checkbox]:not(:checked)")).ToHaveCountAsync(0);
                break;

            case MarkAllReadConfirmation:
                // Only the confirmation page: the practice app is shared, its messages stay unread for the other states.
                await page.GetByRole(AriaRole.Link, new() { Name = "Tout marquer comme lu" }).ClickAsync();
                await Expect(page.Locator("h1")).ToHaveTextAsync("Tout marquer comme lu dans « Boîte de réception » ?");
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown page state.");
        }
    }
}

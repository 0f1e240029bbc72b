using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebmailLite.Contacts;
using WebmailLite.Practice;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>The practice app with 60 contacts for Camille: enough for a second page of the list and for suggestions.</summary>
public sealed class ContactsLiveServer : IDisposable
{
    public static readonly string[] FirstNames = ["Hélène", "Loïc", "Élodie", "Chloé", "Jérôme", "Anaïs", "François", "Inès", "Noël", "Zoé"];

    public ContactsLiveServer()
    {
        var store = Server.Services.GetRequiredService<IContactStore>();
        for (var i = 0; i < 60; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            store.AddAsync(PracticeSeed.Identifier, new ContactDraft($"{first} Nom{i:D2}", [$"contact{i:D2}@ac-exemple.fr"], i % 7 == 0 ? "Vie scolaire" : ""), default).GetAwaiter().GetResult();
        }
    }

    public LiveServer Server { get; } = LiveServer.Practice();

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// axe-core (WCAG 2.0–2.2 A/AA) at 1280 and 320 px, and reflow at 320 px, on every state of « Contacts » and on the
/// compose form with its recipient suggestions open: each state built once with JavaScript on and once with it off
/// (its exact HTML then checked as <see cref="PageChecks"/> does).
/// </summary>
[Collection(SettingsBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ContactsAccessibilityTests(BrowserFixture browser, ContactsLiveServer fixture) : IClassFixture<ContactsLiveServer>
{
    public const string List = "contacts, liste (page 1 de 2)";
    public const string SecondPage = "contacts, page 2";
    public const string Search = "contacts, recherche";
    public const string SearchNone = "contacts, recherche sans résultat";
    public const string FormError = "fiche de contact, adresse invalide";
    public const string ImportError = "importer, aucun fichier choisi";
    public const string DeleteConfirmation = "supprimer un contact : confirmation";
    public const string ComposeSuggestions = "écrire, suggestions de destinataires";

    private static readonly string[] AllStates = [List, SecondPage, Search, SearchNone, FormError, ImportError, DeleteConfirmation, ComposeSuggestions];

    private LiveServer Server => fixture.Server;

    public static TheoryData<string, bool> States()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in AllStates)
        {
            data.Add(state, true);
            data.Add(state, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task Page_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrollingAt320Px(string state, bool javaScript)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth, javaScript);
        await using var _ = context;
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);

        await GoToStateAsync(state, page, javaScript);

        var label = $"« {state} », JavaScript {(javaScript ? "on" : "off")}";
        if (javaScript)
        {
            await PageChecks.AssertAllWidthsAsync(page, label);
        }
        else
        {
            await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, label);
        }
    }

    private static async Task GoToStateAsync(string state, IPage page, bool javaScript)
    {
        switch (state)
        {
            case List:
                await page.GotoAsync("/contacts");
                await Expect(page.Locator("tbody tr")).ToHaveCountAsync(50);
                await Expect(page.Locator("a[rel=next]")).ToBeVisibleAsync();
                break;

            case SecondPage:
                await page.GotoAsync("/contacts");
                await page.Locator("a[rel=next]").ClickAsync();
                await Expect(page.Locator("tbody tr")).ToHaveCountAsync(10);
                break;

            case Search:
            case SearchNone:
                await page.GotoAsync("/contacts");
                await page.GetByLabel("Rechercher un contact (nom, adresse ou note)").FillAsync(state == Search ? "helene" : "personne");
                await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
                await PageActions.WaitForUrlAsync(page, url => url.Query.Contains("q=", StringComparison.Ordinal));
                if (state == Search)
                {
                    await Expect(page.Locator("tbody tr")).ToHaveCountAsync(6);
                }
                break;

            case FormError:
                await page.GotoAsync("/contacts/fiche");
                await page.Locator("#Input_Name").FillAsync("Hélène Dubois");
                await page.Locator("#Input_Addresses").FillAsync("h.dubois@ac-exemple.fr\nhelene@ac-exemple");
                await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le contact" }).ClickAsync();
                await Expect(page.Locator("#Input_Addresses-error")).ToBeVisibleAsync();
                break;

            case ImportError:
                await page.GotoAsync("/contacts/importer");
                await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
                await Expect(page.Locator("#Input_File-error")).ToBeVisibleAsync();
                break;

            case DeleteConfirmation:
                await page.GotoAsync("/contacts");
                await page.Locator("tbody a[href^='/contacts/supprimer']").First.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Oui, supprimer le contact" })).ToBeVisibleAsync();
                break;

            case ComposeSuggestions:
                await page.GotoAsync("/courrier/ecrire");
                await page.Locator("#Input_To").FocusAsync();
                await page.Keyboard.TypeAsync("hél");
                if (javaScript)
                {
                    // Open, with an option in visual focus: every ARIA attribute of the pattern is present.
                    await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(6);
                    await page.Keyboard.PressAsync("ArrowDown");
                    await Expect(page.Locator("#Input_To")).ToHaveAttributeAsync("aria-activedescendant", "Input_To-suggestions-0");
                    await Expect(page.Locator("#recipients-status")).ToHaveTextAsync("6 suggestions : flèches bas et haut pour les parcourir");
                }
                else
                {
                    await Expect(page.Locator("datalist#recipients option")).ToHaveCountAsync(60);
                    await Expect(page.Locator("#Input_To")).ToHaveAttributeAsync("list", "recipients");
                }
                break;
        }
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>The practice app for « Sécurité du compte », with limits high enough for every state to ask for codes.</summary>
public sealed class SettingsLiveServer : IDisposable
{
    public LiveServer Server { get; } = LiveServer.Practice(new()
    {
        ["Recovery:MaxRequestsPerIdentifier"] = "1000",
        ["Recovery:MaxRequestsPerAddress"] = "1000",
        ["Recovery:MaxFailuresPerAddress"] = "1000",
    });

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// axe-core (WCAG 2.0–2.2 A/AA) at 1280 and 320 px on every page and error state of « Sécurité du compte », every one
/// reached in Chromium with JavaScript off through the real forms (axe then runs on that exact HTML, see Axe).
/// </summary>
[Collection(SettingsBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SettingsAccessibilityTests(BrowserFixture browser, SettingsLiveServer fixture) : IClassFixture<SettingsLiveServer>
{
    public const string Security = "sécurité du compte, rien d'enregistré";
    public const string SecurityDone = "sécurité du compte, adresse confirmée (bandeau)";
    public const string Backup = "adresse de secours";
    public const string BackupError = "adresse de secours, adresse refusée";
    public const string Code = "code de confirmation";
    public const string CodeError = "code de confirmation, code faux";
    public const string BackupPasswordError = "adresse de secours, mot de passe actuel manquant";
    public const string Remove = "retirer l'adresse de secours : confirmation";
    public const string RemoveError = "retirer l'adresse de secours, mot de passe actuel manquant";
    public const string Questions = "questions personnelles";
    public const string QuestionsError = "questions personnelles, erreurs";
    public const string Password = "changer le mot de passe";
    public const string PasswordError = "changer le mot de passe, trop court";
    public const string PasswordShown = "changer le mot de passe, affiché";
    public const string PasswordChanged = "connexion après changement du mot de passe";
    public const string Preferences = "préférences";
    public const string PreferencesSaved = "préférences enregistrées (bandeau)";
    public const string PreferencesError = "préférences, signature trop longue";
    public const string Reminder = "courrier, invitation à préparer le compte";
    public const string ReminderPostponed = "courrier, après « Plus tard » (bandeau)";

    private static readonly string[] AllStates =
        [
            Security, SecurityDone, Backup, BackupError, BackupPasswordError, Code, CodeError, Remove, RemoveError, Questions, QuestionsError, Password,
            PasswordError, PasswordShown, PasswordChanged, Preferences, PreferencesSaved, PreferencesError, Reminder, ReminderPostponed,
        ];

    private LiveServer Server => fixture.Server;

    public static TheoryData<string> States() => new(AllStates);

    /// <summary>Each state built once, without JavaScript; axe at 1280 and 320 px and reflow at 320 px are columns on its HTML (see <see cref="PageChecks"/>).</summary>
    [Theory]
    [MemberData(nameof(States))]
    public async Task Page_WithoutJavaScript_HasNoWcagViolations_At1280And320Px_AndNoSidewaysScrollingAt320Px(string state)
    {
        var (context, page) = await browser.NewPageAsync(Server, PageChecks.DesktopWidth, javaScript: false);
        await using var _ = context;

        await GoToStateAsync(state, page);

        await PageChecks.AssertAllWidthsWithoutScriptAsync(browser, Server, page, $"« {state} »");
    }

    private async Task GoToStateAsync(string state, IPage page)
    {
        var julien = PracticeSeed.SecondIdentifier;
        var byJulien = state is PasswordChanged or Reminder or ReminderPostponed;
        if (state is Reminder or ReminderPostponed)
        {
            // Whatever other states left: no backup address, and no « Plus tard » still running.
            Server.Services.GetRequiredService<IEnrolmentStore>().SetBackupAddress(julien, null);
            Server.Services.GetRequiredService<IEnrolmentReminderStore>().Postpone(julien, DateTime.UtcNow.AddDays(-1));
        }
        // The password-change and invitation states are played by Julien (his password is put back afterwards); the rest by Camille.
        await PageActions.SignInAsync(page, byJulien ? julien : PracticeSeed.Identifier, PracticeSeed.Password);
        switch (state)
        {
            case Reminder:
                await Expect(page.Locator(".side section.reminder h2")).ToHaveTextAsync("Préparez votre compte en 2 minutes : adresse de secours et questions");
                break;

            case ReminderPostponed:
                await page.GetByRole(AriaRole.Button, new() { Name = "Plus tard" }).ClickAsync();
                await Expect(page.Locator(".side [role=status]")).ToContainTextAsync("nous vous le proposerons de nouveau dans 30 jours");
                await Expect(page.Locator("section.reminder")).ToHaveCountAsync(0);
                break;

            case Security:
                await page.GotoAsync("/parametres/securite");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Sécurité du compte");
                break;

            case Backup:
                await page.GotoAsync("/parametres/securite");
                await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une adresse de secours" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Changer l'adresse de secours" })).ClickAsync();
                await Expect(page.Locator("#Input_Address")).ToBeVisibleAsync();
                break;

            case BackupError:
                await page.GotoAsync("/parametres/securite/adresse-de-secours");
                await page.Locator("#Input_Address").FillAsync("camille@laposte");
                await page.Locator("#Input_Current").FillAsync(PracticeSeed.Password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code de confirmation" }).ClickAsync();
                await Expect(page.Locator("#Input_Address-error")).ToBeVisibleAsync();
                break;

            case BackupPasswordError:
                // Left empty rather than wrong: a wrong one would count against the sign-in throttle of the account.
                await page.GotoAsync("/parametres/securite/adresse-de-secours");
                await page.Locator("#Input_Address").FillAsync("camille.perso@laposte.net");
                await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code de confirmation" }).ClickAsync();
                await Expect(page.Locator("#Input_Current-error")).ToBeVisibleAsync();
                await Expect(page.Locator("#Input_Address")).ToHaveValueAsync("camille.perso@laposte.net");
                break;

            case Code:
                await RequestCodeAsync(page);
                break;

            case CodeError:
            {
                var code = await RequestCodeAsync(page);
                await page.Locator("#Input_Code").FillAsync(code == "12345678" ? "87654321" : "12345678");
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'adresse" }).ClickAsync();
                await Expect(page.Locator("#Input_Code-error")).ToBeVisibleAsync();
                break;
            }

            case SecurityDone:
            case Remove:
            case RemoveError:
            {
                var code = await RequestCodeAsync(page);
                await page.Locator("#Input_Code").FillAsync(code);
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'adresse" }).ClickAsync();
                await Expect(page.Locator(".banner.ok")).ToContainTextAsync("Votre adresse de secours est maintenant");
                if (state is Remove or RemoveError)
                {
                    await page.GetByRole(AriaRole.Link, new() { Name = "Retirer l'adresse de secours" }).ClickAsync();
                    await Expect(page.Locator("h1")).ToHaveTextAsync("Retirer l'adresse de secours ?");
                }
                if (state == RemoveError)
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Oui, retirer l'adresse de secours" }).ClickAsync();
                    await Expect(page.Locator("#Input_Current-error")).ToBeVisibleAsync();
                }
                break;
            }

            case Questions:
                await page.GotoAsync("/parametres/securite/questions");
                await Expect(page.Locator("fieldset")).ToHaveCountAsync(2);
                break;

            case QuestionsError:
                await page.GotoAsync("/parametres/securite/questions");
                await page.Locator("#Input_Choice2").SelectOptionAsync("propre");
                await page.Locator("#Input_Answer2").FillAsync("a");
                await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes questions" }).ClickAsync();
                // Choice 1, answer 1, own question 2, answer 2, and the current password.
                await Expect(page.Locator(".err-sum li")).ToHaveCountAsync(5);
                break;

            case Password:
                await page.GotoAsync("/parametres/securite/mot-de-passe");
                await Expect(page.Locator("#Input_New")).ToHaveAttributeAsync("type", "password");
                break;

            case PasswordError:
                await page.GotoAsync("/parametres/securite/mot-de-passe");
                await page.Locator("#Input_Current").FillAsync(PracticeSeed.Password);
                await page.Locator("#Input_New").FillAsync("court");
                await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
                await Expect(page.Locator("#Input_New-error")).ToBeVisibleAsync();
                break;

            case PasswordShown:
                await page.GotoAsync("/parametres/securite/mot-de-passe");
                await page.Locator("#Input_Current").FillAsync(PracticeSeed.Password);
                await page.Locator("#Input_New").FillAsync("trois chevaux bleus dans le pré");
                await page.GetByRole(AriaRole.Button, new() { Name = "Afficher le mot de passe" }).ClickAsync();
                await Expect(page.Locator("#Input_New")).ToHaveAttributeAsync("type", "text");
                await Expect(page.Locator("#Input_New")).ToHaveValueAsync("trois chevaux bleus dans le pré");
                break;

            case Preferences:
                await page.GotoAsync("/parametres/preferences");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Préférences");
                break;

            case PreferencesSaved:
                // The signature only: the language stays French for the other states of this shared server.
                await page.GotoAsync("/parametres/preferences");
                await page.Locator("#Input_Signature").FillAsync("Camille Martin\nSecrétariat");
                await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les préférences" }).ClickAsync();
                await Expect(page.Locator("[role=status]")).ToContainTextAsync("Vos préférences sont enregistrées.");
                break;

            case PreferencesError:
                await page.GotoAsync("/parametres/preferences");
                await page.Locator("#Input_Signature").FillAsync(string.Concat(Enumerable.Repeat("Collège Jean Moulin ", 60)));
                await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les préférences" }).ClickAsync();
                await Expect(page.Locator("#Input_Signature-error")).ToBeVisibleAsync();
                break;

            case PasswordChanged:
                await page.GotoAsync("/parametres/securite/mot-de-passe");
                // Keyboard only: type, then Enter submits with the first button, « Changer le mot de passe ».
                await page.Locator("#Input_Current").FocusAsync();
                await page.Keyboard.TypeAsync(PracticeSeed.Password);
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.TypeAsync("trois chevaux bleus dans le pré");
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.Locator("[role=status]")).ToContainTextAsync("Votre mot de passe a été changé.");
                Server.Services.GetRequiredService<PracticeStore>().SetPassword(julien, PracticeSeed.Password);
                break;
        }
    }

    /// <summary>Asks for a code to Julien's practice address (system mail lands in his practice inbox) and reads it there.</summary>
    private async Task<string> RequestCodeAsync(IPage page)
    {
        var address = "julien.bernard@" + PracticeSeed.Domain;
        await page.GotoAsync("/parametres/securite/adresse-de-secours");
        await page.Locator("#Input_Address").FillAsync(address);
        await page.Locator("#Input_Current").FillAsync(PracticeSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code de confirmation" }).ClickAsync();
        await Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
        var mailer = Server.Services.GetRequiredService<RecoveryMailer>();
        for (var i = 0; i < 500 && mailer.Pending > 0; i++)
        {
            await Task.Delay(10);
        }
        var store = Server.Services.GetRequiredService<PracticeStore>();
        var newest = store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 1).Single();
        var message = MimeMessage.Load(new MemoryStream(store.GetSource(PracticeSeed.SecondIdentifier, "INBOX", newest.Uid)!));
        return Regex.Match(message.TextBody ?? "", @"Code de confirmation : (\d{8})").Groups[1].Value;
    }
}

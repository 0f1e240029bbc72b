using WebmailLite.Recovery;
using WebmailLite.Tests.Browser;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.ScreenReader;

/// <summary>
/// The main journeys as a blind person makes them: Orca (its default settings: a page is read from the top when it
/// loads) following Chromium, real keys, and what Orca <b>says</b> asserted — substrings in order, never timing. Each
/// journey with JavaScript off and on. The proof that the markup works with a real screen reader, not the whole
/// suite: few steps, one window, one Orca (<see cref="ScreenReaderRig"/>).
/// </summary>
[Collection(ScreenReaderCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
[Trait("Category", "ScreenReader")]
public sealed class ScreenReaderJourneyTests(ScreenReaderRig rig, RecoveryLiveServer fixture, ITestOutputHelper output) : IClassFixture<RecoveryLiveServer>
{
    /// <summary>The last line of every page (the footer's language link): Orca has read the page through once it says it.</summary>
    private const string LastLine = "English";

    private const string Reply = "Merci, je serai là.";

    private const string NewPassword = "un merle chante dans le tilleul";

    private LiveServer Server => fixture.Server;

    private Speech Speech => rig.Speech;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignInReadAndReply_TheErrorTheInboxTheMessageAndTheResultAreSpoken(bool javaScript)
    {
        var account = await MailServer.Instance.CreateAccountAsync("orca");
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account));
        await ListenAsync(javaScript, async () =>
        {
            // A wrong password: the error summary is spoken first (an alert, then at the top of the page).
            await OpenAsync("/", "Se connecter");
            await TabToAsync("#Input_Identifier", "Identifiant académique");
            await rig.Keys.TypeAsync(account.Identifier);
            await TabToAsync("#Input_Password", "Mot de passe");
            await rig.Keys.TypeAsync("pas le bon");
            var heard = await PressForPageAsync("Return", "/", "Erreur : Se connecter");
            // « Erreur : » and the message as two words (the hidden prefix's space once got lost: « Erreur :L'identifiant »).
            await Speech.WaitForInOrderAsync(heard, "Il y a un problème", "L'identifiant académique ou le mot de passe est incorrect", "Erreur : L'identifiant académique", LastLine);

            // The right one: the inbox's title, its heading, the table by its caption, each row with its state first (in
            // the box's name, which Orca says in place of the cells that make it), then the subject as a link.
            await TabToAsync("#Input_Password", "Mot de passe");
            await rig.Keys.TypeAsync(account.Password);
            heard = await PressForPageAsync("Return", "/courrier", "Boîte de réception");
            await Speech.WaitForInOrderAsync(heard,
                "Boîte de réception – Messagerie académique",
                "Boîte de réception", "en-tête niveau 1",
                "Boîte de réception : 2 messages, page 1 sur 1", "tableau avec 3 lignes",
                "Non lu " + TestMessages.ThirdSubject + " Chloé Petit 14 mars 2024", "case à cocher", TestMessages.ThirdSubject, "lien",
                "Non lu " + TestMessages.PlainSubject + " Hélène Dubois 12 mars 2024", "case à cocher", TestMessages.PlainSubject, "lien");

            // The skip link leads to the messages; Tab reaches the first one's box, then its subject, a link.
            await TabToAsync("a.skip", "Aller aux messages");
            await rig.Keys.PressAsync("Return");
            await TabToAsync("#selection", "Non lu " + TestMessages.ThirdSubject + " Chloé Petit 14 mars 2024 case à cocher");
            // JavaScript really is on or off: reaching the list's form fetches htmx only when the page's script runs.
            await Expect(rig.Page.Locator("head script[src*='/lib/htmx/']")).ToHaveCountAsync(javaScript ? 1 : 0);
            await TabToAsync("main tbody tr:first-child th a", TestMessages.ThirdSubject + " lien");

            // The message: its title, its heading, who sent it, its text.
            heard = await PressForPageAsync("Return", "/courrier/message", TestMessages.ThirdSubject);
            await Speech.WaitForInOrderAsync(heard,
                TestMessages.ThirdSubject, "en-tête niveau 1",
                "De", "Chloé Petit",
                "Les créneaux de la réunion sont affichés en salle des professeurs.");

            // Reply, type, send: the result is spoken on the page that follows.
            await TabToAsync("main ul.acts li:first-child a", "Répondre");
            await PressForPageAsync("Return", "/courrier/ecrire", "Répondre");
            await TabToAsync("#Input_Body", "Message");
            await rig.Keys.TypeAsync(Reply);
            await TabToAsync("main form button.primary", "Envoyer");
            // The result comes first, in the title Orca reads as the page loads (PageOutcome), then in the banner.
            heard = await PressForPageAsync("Return", "/courrier", $"Votre message « Re: {TestMessages.ThirdSubject} » a été envoyé – Boîte de réception");
            await Speech.WaitForAsync(heard, $"Votre message « Re: {TestMessages.ThirdSubject} » a été envoyé.");
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ForgottenPassword_ByMailCode_EveryStepIsSpoken(bool javaScript)
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("orca-oubli", "orca-perso");
        var (person, personal) = (accounts[0], accounts[1]);
        fixture.AddContact(person, personal);
        await ListenAsync(javaScript, async () =>
        {
            await OpenAsync("/mot-de-passe-oublie", "Mot de passe oublié");
            await TabToAsync("#Input_Identifier", "Identifiant académique");
            await rig.Keys.TypeAsync(person.Identifier);
            var heard = await PressForPageAsync("Return", "/mot-de-passe-oublie/methode", "M'auto dépanner");
            await Speech.WaitForInOrderAsync(heard, "M'auto dépanner", "Comment voulez-vous recevoir votre premier code ?");

            await TabToAsync("#Input_Method", "Recevoir un code par courriel");
            await rig.Keys.PressAsync("space");
            heard = await PressForPageAsync("Return", "/mot-de-passe-oublie/courriel", "Recevoir un code par courriel");
            await TabToAsync("main form button", "Envoyer le code");
            heard = await PressForPageAsync("Return", "/mot-de-passe-oublie/code", "Saisir le code");
            await Speech.WaitForInOrderAsync(heard, "un code a été envoyé à l'adresse connue de l'académie", "Saisir le code");

            var mail = await MailServer.Instance.WaitForMessageAsync(personal, "Votre code pour changer de mot de passe");
            await TabToAsync("#Input_Code", "Code à 8 chiffres");
            await rig.Keys.TypeAsync(CapturingSystemMail.CodeIn(mail));
            heard = await PressForPageAsync("Return", "/mot-de-passe-oublie/nouveau-mot-de-passe", "Choisir un nouveau mot de passe");
            await TabToAsync("#Input_Password", "Nouveau mot de passe");
            await rig.Keys.TypeAsync(NewPassword);
            heard = await PressForPageAsync("Return", "/mot-de-passe-oublie/termine", "Mot de passe changé");
            await Speech.WaitForInOrderAsync(heard, "Mot de passe changé", "en-tête niveau 1", "Votre nouveau mot de passe fonctionne dès maintenant");
        });
        using var client = await MailServer.Instance.ConnectImapAsync(person with { Password = NewPassword });
        Assert.True(client.IsAuthenticated);
    }

    /// <summary>An action htmx carries out in place: the page does not load again, and the live region's sentence is spoken.</summary>
    [Fact]
    public async Task MarkAsReadWithJavaScript_TheLiveRegionIsSpoken()
    {
        var account = await MailServer.Instance.CreateAccountAsync("orca-htmx");
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Third(account));
        await ListenAsync(javaScript: true, async () =>
        {
            // Signing in is set-up here (the first journey listens to it).
            await OpenAsync("/", "Se connecter");
            var heard = Speech.Mark();
            await PageActions.SignInAsync(rig.Page, account.Identifier, account.Password);
            await Speech.WaitForInOrderAsync(heard, "Chargement de Boîte de réception", LastLine);

            await TabToAsync("a.skip", "Aller aux messages");
            await rig.Keys.PressAsync("Return");
            await TabToAsync("#selection", "case à cocher");
            heard = Speech.Mark();
            await rig.Keys.PressAsync("space");
            await Speech.WaitForAsync(heard, "coché");
            // The actions come before the list: back to « Marquer comme lu ».
            await TabToAsync("main button[value=lu]", "Marquer comme lu", backwards: true);
            heard = Speech.Mark();
            await rig.Keys.PressAsync("Return");
            await Speech.WaitForAsync(heard, "1 message marqué comme lu.");
            Assert.DoesNotContain(Speech.Since(heard), line => line.StartsWith("Chargement de", StringComparison.Ordinal));
            Assert.Equal("/courrier", new Uri(rig.Page.Url).AbsolutePath);
        });
    }

    /// <summary>Runs a journey in the rig's window with JavaScript on or off and signed out, and prints what Orca said.</summary>
    private async Task ListenAsync(bool javaScript, Func<Task> journey)
    {
        await rig.SetJavaScriptAsync(javaScript);
        await rig.ForgetCookiesAsync();
        var start = Speech.Mark();
        try
        {
            await journey();
        }
        finally
        {
            var transcript = Speech.Transcript(start);
            output.WriteLine($"What Orca said (JavaScript {(javaScript ? "on" : "off")}):\n{transcript}");
        }
    }

    /// <summary>Opens <paramref name="path"/> (set-up, through DevTools) and waits until Orca has read it through.</summary>
    private async Task OpenAsync(string path, string title)
    {
        var mark = Speech.Mark();
        await rig.Page.GotoAsync(Server.Url(path));
        await Speech.WaitForInOrderAsync(mark, "Chargement de " + title, LastLine);
    }

    /// <summary>
    /// Presses <paramref name="key"/>, waits for the page at <paramref name="path"/> and for Orca to have read it through
    /// (the title it names when loaded, then the last line); returns the position before the key, to assert what was heard.
    /// </summary>
    private async Task<int> PressForPageAsync(string key, string path, string title)
    {
        var mark = Speech.Mark();
        await rig.Keys.PressAsync(key);
        await PageActions.WaitForUrlAsync(rig.Page, url => url.AbsolutePath == path);
        await Speech.WaitForInOrderAsync(mark, "Chargement de " + title, LastLine);
        return mark;
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="selector"/> has the focus, then waits for Orca to say <paramref name="spoken"/>.</summary>
    private async Task TabToAsync(string selector, string spoken, bool backwards = false, int maxPresses = 30)
    {
        var mark = Speech.Mark();
        for (var i = 0; i < maxPresses; i++)
        {
            await rig.Keys.PressAsync(backwards ? "shift+Tab" : "Tab");
            if (await rig.Page.Locator(selector + ":focus").CountAsync() > 0)
            {
                await Speech.WaitForAsync(mark, spoken);
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"{selector} not reached after {maxPresses} Tab presses on {rig.Page.Url}. Orca said:\n{Speech.Transcript(mark)}");
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>« Sécurité du compte » through its real forms, in practice mode.</summary>
public sealed class SettingsPagesTests
{
    private const string Camille = "camille.martin@" + PracticeSeed.Domain;
    private const string Julien = "julien.bernard@" + PracticeSeed.Domain;
    private const string NewPassword = "trois chevaux bleus dans le pré";

    private static async Task<HtmlPage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
    }

    private static void AssertFieldError(HtmlPage page, string fieldId, string message)
    {
        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("alert", page.Query(".err-sum")!.GetAttribute("role"));
        Assert.Contains(message, page.Query($".err-sum a[href='#{fieldId}']")!.TextContent);
        Assert.Contains(message, page.Text($"#{fieldId}-error"));
        Assert.Contains($"{fieldId}-error", page.Query($"#{fieldId}")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.Query($"#{fieldId}")!.GetAttribute("aria-invalid"));
    }

    [Theory]
    [InlineData("/parametres/securite")]
    [InlineData("/parametres/securite/adresse-de-secours")]
    [InlineData("/parametres/securite/adresse-de-secours/code")]
    [InlineData("/parametres/securite/adresse-de-secours/retirer")]
    [InlineData("/parametres/securite/questions")]
    [InlineData("/parametres/securite/mot-de-passe")]
    [InlineData("/parametres/preferences")]
    public async Task SettingsPage_SignedOut_GoesToSignIn(string url)
    {
        using var factory = SettingsFactory.Capturing();

        var response = await factory.NewClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?retour=", response.Headers.Location!.OriginalString);
    }

    /// <summary>Under 10 KB even uncompressed (what goes on the wire is compressed on top: less still).</summary>
    [Theory]
    [InlineData("/parametres/securite")]
    [InlineData("/parametres/securite/adresse-de-secours")]
    [InlineData("/parametres/securite/adresse-de-secours/code")]
    [InlineData("/parametres/securite/adresse-de-secours/retirer")]
    [InlineData("/parametres/securite/questions")]
    [InlineData("/parametres/securite/mot-de-passe")]
    [InlineData("/parametres/preferences")]
    public async Task SettingsPage_IsUnder10KilobytesUncompressed(string url)
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();

        var bytes = await client.GetByteArrayAsync(url);

        Assert.True(bytes.Length < 10_000, $"{url}: {bytes.Length} bytes");
    }

    [Fact]
    public async Task SecurityPage_NothingRegistered_SaysSoAndWhyEachMatters()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();

        var mail = await HtmlPage.GetAsync(client, "/courrier");
        var page = await HtmlPage.GetAsync(client, "/parametres/securite");

        Assert.NotNull(mail.Query("header a[href='/parametres/securite']"));
        Assert.Equal("Sécurité du compte", page.Text("h1"));
        Assert.Equal(["Adresse de secours", "Questions personnelles", "Mot de passe"], page.QueryAll("main h2").Select(h => h.TextContent));
        Assert.Contains("Aucune adresse de secours", page.Html);
        Assert.Equal("Ajouter une adresse de secours", page.Text("a[href='/parametres/securite/adresse-de-secours']"));
        Assert.Null(page.Query("a[href='/parametres/securite/adresse-de-secours/retirer']"));
        Assert.Equal("Choisir mes questions", page.Text("a[href='/parametres/securite/questions']"));
        Assert.Equal("Changer le mot de passe", page.Text("a[href='/parametres/securite/mot-de-passe']"));
        Assert.True(Encoding.UTF8.GetByteCount(page.Html) < 10_000);
    }

    [Fact]
    public async Task BackupAddress_ConfirmedWithTheCodeReadInThePracticeMailbox_ThenRemoved()
    {
        using var factory = SettingsFactory.Practice();
        var camille = await factory.CamilleAsync();

        var form = await HtmlPage.GetAsync(camille, "/parametres/securite/adresse-de-secours");
        var codePage = await FollowAsync(camille, await form.SubmitAsync(camille, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = Julien }));
        await factory.SentAsync();
        var julien = await factory.SignedInAsync(PracticeSeed.SecondIdentifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(julien, "/courrier");
        var link = inbox.QueryAll("#liste a").First(a => a.TextContent.Contains("Confirmez votre adresse de secours")).GetAttribute("href")!;
        var message = await HtmlPage.GetAsync(julien, link);
        var code = Regex.Match(message.Text("main"), @"Code de confirmation : (\d{8})").Groups[1].Value;
        var confirmed = await FollowAsync(camille, await codePage.SubmitAsync(camille, "main form", new Dictionary<string, string> { ["Input.Code"] = code }));

        Assert.Equal("Confirmer l'adresse de secours", codePage.Text("h1"));
        Assert.Contains(Julien, codePage.Text("main"));
        var field = codePage.Query("#Input_Code")!;
        Assert.Equal("one-time-code", field.GetAttribute("autocomplete"));
        Assert.Equal("numeric", field.GetAttribute("inputmode"));
        Assert.Null(field.GetAttribute("onpaste"));
        Assert.Matches(@"^\d{8}$", code);
        Assert.Equal($"Votre adresse de secours est maintenant {Julien}.", confirmed.Text("[role=status] .banner"));
        Assert.Contains($"Votre adresse de secours : {Julien}", confirmed.Text("main"));
        Assert.Equal("Changer l'adresse de secours", confirmed.Text("a[href='/parametres/securite/adresse-de-secours']"));

        var confirm = await HtmlPage.GetAsync(camille, "/parametres/securite/adresse-de-secours/retirer");
        var removed = await FollowAsync(camille, await confirm.SubmitAsync(camille, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password }));
        await factory.SentAsync();
        var julienInbox = await HtmlPage.GetAsync(julien, "/courrier");
        var camilleInbox = await HtmlPage.GetAsync(camille, "/courrier");

        Assert.Equal("Retirer l'adresse de secours ?", confirm.Text("h1"));
        Assert.Equal("Oui, retirer l'adresse de secours", confirm.Text("main form button"));
        Assert.Equal("L'adresse de secours a été retirée.", removed.Text("[role=status] .banner"));
        Assert.Contains("Aucune adresse de secours", removed.Html);
        Assert.Contains("Adresse de secours retirée", julienInbox.Text("#liste"));
        Assert.Contains("Nouvelle adresse de secours", camilleInbox.Text("#liste"));
        Assert.Contains("Adresse de secours retirée", camilleInbox.Text("#liste"));
    }

    [Fact]
    public async Task BackupAddress_ReplacingIt_TellsTheOldAddress()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        foreach (var address in new[] { "camille.perso@laposte.net", "camille.autre@orange.fr" })
        {
            var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");
            var codePage = await FollowAsync(client, await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = address }));
            var code = await factory.CodeSentToAsync(address);
            Assert.Equal(HttpStatusCode.Redirect, (await codePage.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = code })).StatusCode);
        }

        var sent = await factory.SentAsync();

        Assert.Contains(sent, m => m.Subject == "Cette adresse n'est plus l'adresse de secours" && m.To.Mailboxes.Single().Address == "camille.perso@laposte.net");
        Assert.Equal(2, sent.Count(m => m.Subject == "Nouvelle adresse de secours" && m.To.Mailboxes.Single().Address == Camille));
    }

    [Theory]
    [InlineData("", "Saisissez une adresse de secours.")]
    [InlineData("camille@laposte", "Saisissez une adresse électronique complète")]
    [InlineData(Camille, "Choisissez une autre adresse que celle de cette messagerie")]
    public async Task BackupAddress_Refused_ShowsTheErrorPattern_AndKeepsWhatWasTyped(string typed, string message)
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = typed }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFieldError(page, "Input_Address", message);
        Assert.Equal(typed, page.Query("#Input_Address")!.GetAttribute("value") ?? "");
        Assert.Empty(await factory.SentAsync());
    }

    [Fact]
    public async Task BackupCode_Wrong_ThenKilledByTheFifth_SaysToAskForANewOne()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");
        var codePage = await FollowAsync(client, await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = "camille.perso@laposte.net" }));
        var right = await factory.CodeSentToAsync("camille.perso@laposte.net");
        var wrong = right == "12345678" ? "87654321" : "12345678";

        var first = await HtmlPage.LoadAsync(await codePage.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = wrong }));
        var page = first;
        for (var i = 0; i < 4; i++)
        {
            page = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = wrong }));
        }
        var security = await HtmlPage.GetAsync(client, "/parametres/securite");

        AssertFieldError(first, "Input_Code", "Ce code n'est pas le bon.");
        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Contains("ne fonctionne plus", page.Text(".err-sum"));
        Assert.Null(page.Query("#Input_Code"));
        Assert.Equal("Demander un nouveau code", page.Text("a[href='/parametres/securite/adresse-de-secours']"));
        Assert.Contains("Aucune adresse de secours", security.Html);
    }

    [Fact]
    public async Task Questions_SavedHashed_TheDatabaseFileNeverHoldsTheAnswers()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/questions");

        var saved = await FollowAsync(client, await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = "3",
            ["Input.Answer1"] = "Zéphyrin-Éloi",
            ["Input.Choice2"] = "propre",
            ["Input.Own2"] = "Le surnom de ma grand-mère paternelle ?",
            ["Input.Answer2"] = "Mamoune Quintessence",
            ["Input.Current"] = PracticeSeed.Password,
        }));
        var sent = await factory.SentAsync();
        var database = Directory.GetFiles(factory.StorageFolder, "*.db")
            .Select(file =>
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return Encoding.UTF8.GetString(copy.ToArray());
            })
            .Aggregate("", string.Concat);

        Assert.Equal(["Question 1", "Question 2"], form.QueryAll("fieldset legend").Select(l => l.TextContent));
        Assert.Equal(10, form.QueryAll("#Input_Choice1 option").Length);
        Assert.Equal("J'écris ma propre question", form.QueryAll("#Input_Choice1 option").Last().TextContent);
        Assert.Equal("Les majuscules, les accents et les espaces ne comptent pas.", form.Text("#Input_Answer1-hint"));
        Assert.Equal("Vos questions personnelles sont enregistrées.", saved.Text("[role=status] .banner"));
        Assert.Contains("Le surnom de ma grand-mère paternelle ?", saved.Text("main ol"));
        Assert.Equal("Changer mes questions", saved.Text("a[href='/parametres/securite/questions']"));
        Assert.Contains(sent, m => m.Subject == "Questions personnelles modifiées" && m.To.Mailboxes.Single().Address == Camille);
        // The question itself is stored in clear (it is shown back), which proves the file was read with the data in it.
        Assert.Contains("Le surnom de ma grand-m", database);
        Assert.DoesNotContain("phyrin", database, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zephyrin", database, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Mamoune", database, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quintessence", database, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Questions_Refused_EachErrorLinksToItsField_AndTypedAnswersStay()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/questions");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = "",
            ["Input.Answer1"] = "Lyon",
            ["Input.Choice2"] = "propre",
            ["Input.Own2"] = "",
            ["Input.Answer2"] = "a",
        }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFieldError(page, "Input_Choice1", "Choisissez la question 1 dans la liste.");
        AssertFieldError(page, "Input_Own2", "Écrivez votre question 2");
        AssertFieldError(page, "Input_Answer2", "La réponse à la question 2 est trop courte");
        // The current password last, as on the page (nothing was typed in it).
        Assert.Equal(["#Input_Choice1", "#Input_Own2", "#Input_Answer2", "#Input_Current"], page.QueryAll(".err-sum a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Lyon", page.Query("#Input_Answer1")!.GetAttribute("value"));
        Assert.Equal("propre", page.Query("#Input_Choice2 option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ChangePassword_SignsInWithTheNewOnly_EndsEverySession_AndTellsTheAccount()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var elsewhere = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");

        var response = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = PracticeSeed.Password,
            ["Input.New"] = NewPassword,
        });
        var signIn = await FollowAsync(client, response);
        var stillHere = await client.GetAsync("/courrier");
        var stillElsewhere = await elsewhere.GetAsync("/courrier");
        var withOld = await factory.NewClient().SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var withNew = await factory.NewClient().SignInAsync(PracticeSeed.Identifier, NewPassword);
        var sent = await factory.SentAsync();

        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal("Votre mot de passe a été changé. Connectez-vous avec le nouveau mot de passe.", signIn.Text("[role=status]"));
        Assert.Equal(HttpStatusCode.Redirect, stillHere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stillElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
        Assert.Equal("/courrier", withNew.Headers.Location!.OriginalString);
        Assert.Contains(sent, m => m.Subject == "Le mot de passe de votre compte a été changé" && m.To.Mailboxes.Single().Address == Camille);
    }

    [Fact]
    public async Task ChangePassword_PolicyShownBeforeTheField_WithTheRightAutocomplete()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();

        var page = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");

        Assert.Equal("current-password", page.Query("#Input_Current")!.GetAttribute("autocomplete"));
        Assert.Equal("new-password", page.Query("#Input_New")!.GetAttribute("autocomplete"));
        Assert.Equal("password", page.Query("#Input_New")!.GetAttribute("type"));
        var hint = page.Query("#Input_New-hint")!;
        Assert.Equal("Au moins 12 caractères. Une phrase de plusieurs mots est plus facile à retenir. Il ne doit pas contenir votre identifiant ni être un mot de passe courant.", hint.TextContent);
        Assert.True(hint.CompareDocumentPosition(page.Query("#Input_New")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Equal("Changer le mot de passe", page.Text("main form button.primary"));
    }

    [Fact]
    public async Task ChangePassword_ShowButton_WorksWithoutScript_KeepingTheNewPasswordOnly()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");
        var show = form.Query("button[name=afficher]")!;

        var shown = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = PracticeSeed.Password,
            ["Input.New"] = NewPassword,
            ["afficher"] = show.GetAttribute("value")!,
        }));
        var hidden = await HtmlPage.LoadAsync(await shown.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["afficher"] = shown.Query("button[name=afficher]")!.GetAttribute("value")!,
        }));

        Assert.Equal("Afficher le mot de passe", show.TextContent);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.DoesNotContain("Erreur", shown.Title);
        Assert.Equal("text", shown.Query("#Input_New")!.GetAttribute("type"));
        Assert.Equal(NewPassword, shown.Query("#Input_New")!.GetAttribute("value"));
        // The current password is never written into the page, not even after « Afficher »: it is typed again.
        Assert.Null(shown.Query("#Input_Current")!.GetAttribute("value"));
        Assert.DoesNotContain(PracticeSeed.Password, shown.Html);
        Assert.Equal("Masquer le mot de passe", shown.Text("button[name=afficher]"));
        Assert.Equal("password", hidden.Query("#Input_New")!.GetAttribute("type"));
        Assert.Equal(NewPassword, hidden.Query("#Input_New")!.GetAttribute("value"));
        // Nothing changed: the old password still signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password)).StatusCode);
    }

    [Theory]
    [InlineData("pas le bon", NewPassword, "Input_Current", "Le mot de passe actuel est incorrect.")]
    [InlineData("", NewPassword, "Input_Current", "Saisissez votre mot de passe actuel.")]
    [InlineData(PracticeSeed.Password, "court", "Input_New", "trop court : il faut au moins 12 caractères")]
    [InlineData(PracticeSeed.Password, "1qaz2wsx3edc", "Input_New", "Ce mot de passe est trop courant")]
    [InlineData(PracticeSeed.Password, "camille.martin 2024 !", "Input_New", "contient votre identifiant")]
    [InlineData(PracticeSeed.Password, "trois chevaux\tbleus dans le pré", "Input_New", "contient un caractère invisible")]
    public async Task ChangePassword_Refused_SaysWhyBesideTheField(string current, string next, string field, string message)
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = current,
            ["Input.New"] = next,
        }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFieldError(page, field, message);
        Assert.Null(page.Query("#Input_Current")!.GetAttribute("value"));
        Assert.Null(page.Query("#Input_New")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password)).StatusCode);
    }

    // A session left open on a kiosk is not the account: each recovery setting asks for « Mot de passe actuel »,
    // which is never written back into the page.

    [Theory]
    [InlineData("", "Saisissez votre mot de passe actuel.")]
    [InlineData("pas le bon", "Le mot de passe actuel est incorrect.")]
    public async Task BackupAddress_WithoutTheRightCurrentPassword_SendsNothing_KeepsTheAddress_NeverWritesThePassword(string current, string message)
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Address"] = "camille.perso@laposte.net",
            ["Input.Current"] = current,
        }));

        Assert.Equal("current-password", form.Query("#Input_Current")!.GetAttribute("autocomplete"));
        Assert.Equal("password", form.Query("#Input_Current")!.GetAttribute("type"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        AssertFieldError(page, "Input_Current", message);
        Assert.Equal("camille.perso@laposte.net", page.Query("#Input_Address")!.GetAttribute("value"));
        Assert.Null(page.Query("#Input_Current")!.GetAttribute("value"));
        Assert.Empty(await factory.SentAsync());
        Assert.DoesNotContain("Un code de confirmation a été envoyé", (await HtmlPage.GetAsync(client, "/parametres/securite")).Text("main"));
    }

    [Fact]
    public async Task BackupAddress_RightCurrentPassword_IsNeverWrittenBack_WhenTheAddressIsRefused()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Address"] = "camille@laposte",
            ["Input.Current"] = PracticeSeed.Password,
        }));

        AssertFieldError(page, "Input_Address", "Saisissez une adresse électronique complète");
        Assert.Null(page.Query("#Input_Current-error"));
        Assert.DoesNotContain(PracticeSeed.Password, page.Html);
        Assert.Contains("saisissez-le à nouveau", page.Text("#Input_Current-hint"));
    }

    [Fact]
    public async Task RemoveBackup_WithoutTheCurrentPassword_KeepsIt()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");
        var codePage = await FollowAsync(client, await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = Julien }));
        await FollowAsync(client, await codePage.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = await factory.CodeSentToAsync(Julien) }));
        var confirm = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours/retirer");

        var wrong = await HtmlPage.LoadAsync(await confirm.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = "pas le bon" }));
        var missing = await HtmlPage.LoadAsync(await confirm.SubmitAsync(client, "main form"));
        var security = await HtmlPage.GetAsync(client, "/parametres/securite");

        AssertFieldError(wrong, "Input_Current", "Le mot de passe actuel est incorrect.");
        AssertFieldError(missing, "Input_Current", "Saisissez votre mot de passe actuel.");
        Assert.Equal("Retirer l'adresse de secours ?", missing.Text("h1"));
        Assert.Contains($"Votre adresse de secours : {Julien}", security.Text("main"));
        Assert.DoesNotContain(await factory.SentAsync(), m => m.Subject == "Adresse de secours retirée");
    }

    [Fact]
    public async Task Questions_WrongCurrentPassword_SavesNothing_AndKeepsEverythingElseTyped()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/questions");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = "3",
            ["Input.Answer1"] = "Zéphyrin",
            ["Input.Choice2"] = "propre",
            ["Input.Own2"] = "Le surnom de ma grand-mère paternelle ?",
            ["Input.Answer2"] = "Mamoune",
            ["Input.Current"] = "pas le bon",
        }));
        var security = await HtmlPage.GetAsync(client, "/parametres/securite");

        AssertFieldError(page, "Input_Current", "Le mot de passe actuel est incorrect.");
        Assert.Equal(["#Input_Current"], page.QueryAll(".err-sum a").Select(a => a.GetAttribute("href")));
        Assert.Equal("3", page.Query("#Input_Choice1 option[selected]")!.GetAttribute("value"));
        Assert.Equal("Zéphyrin", page.Query("#Input_Answer1")!.GetAttribute("value"));
        Assert.Equal("Le surnom de ma grand-mère paternelle ?", page.Query("#Input_Own2")!.GetAttribute("value"));
        Assert.Null(page.Query("#Input_Current")!.GetAttribute("value"));
        Assert.Contains("Vous n'avez pas encore choisi de questions.", security.Text("main"));
    }

    /// <summary>
    /// Recovery shows decoy questions in the visitor's language for unknown identifiers: a suggested question is
    /// stored by its key, so it follows the language like the decoys do.
    /// </summary>
    [Fact]
    public async Task Questions_Suggested_ShownInTheLanguageOfThePage()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/questions");
        var french = form.QueryAll("#Input_Choice1 option")[3].TextContent;
        await FollowAsync(client, await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = "3",
            ["Input.Answer1"] = "Zéphyrin",
            ["Input.Choice2"] = "propre",
            ["Input.Own2"] = "Le surnom de ma grand-mère paternelle ?",
            ["Input.Answer2"] = "Mamoune",
            ["Input.Current"] = PracticeSeed.Password,
        }));

        var inFrench = await HtmlPage.GetAsync(client, "/parametres/securite");
        await client.GetAsync("/langue?c=en&retour=%2F");
        var english = (await HtmlPage.GetAsync(client, "/parametres/securite/questions")).QueryAll("#Input_Choice1 option")[3].TextContent;
        var inEnglish = await HtmlPage.GetAsync(client, "/parametres/securite");

        Assert.NotEqual(french, english);
        Assert.Equal([french, "Le surnom de ma grand-mère paternelle ?"], inFrench.QueryAll("main ol li").Select(li => li.TextContent));
        Assert.Equal([english, "Le surnom de ma grand-mère paternelle ?"], inEnglish.QueryAll("main ol li").Select(li => li.TextContent));
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("1234567a")]
    public async Task BackupCode_BadlyFormed_SaysWhy_AndBurnsNoTry(string typed)
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");
        var codePage = await FollowAsync(client, await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = PracticeSeed.Password, ["Input.Address"] = Julien }));
        var code = await factory.CodeSentToAsync(Julien);

        var page = codePage;
        for (var i = 0; i < 5; i++)
        {
            page = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = typed }));
        }
        var confirmed = await FollowAsync(client, await page.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = code }));

        AssertFieldError(page, "Input_Code", "Le code est fait de 8 chiffres, sans lettres : vérifiez-le.");
        Assert.Equal($"Votre adresse de secours est maintenant {Julien}.", confirmed.Text("[role=status] .banner"));
    }

    [Fact]
    public async Task ChangePassword_RefusedNewPassword_NeitherPasswordIsWrittenBack()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        var form = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");

        var page = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = PracticeSeed.Password,
            ["Input.New"] = "1qaz2wsx3edc",
        }));

        AssertFieldError(page, "Input_New", "Ce mot de passe est trop courant");
        Assert.DoesNotContain(PracticeSeed.Password, page.Html);
        Assert.DoesNotContain("1qaz2wsx3edc", page.Html);
    }

    /// <summary>Every reason the policy can give has its own message, in French and in English: no resource key shown.</summary>
    [Fact]
    public void ChangePassword_EveryPasswordProblem_HasAMessageInEachLanguage()
    {
        using var factory = SettingsFactory.Capturing();
        var text = factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<WebmailLite.SettingsText>>();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "fr", "en" })
            {
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
                var messages = Enum.GetValues<WebmailLite.Recovery.PasswordProblem>()
                    .Select(problem => WebmailLite.Pages.Settings.ChangePasswordModel.NewPasswordMessage(problem, text, 12))
                    .ToList();

                Assert.All(messages, m => Assert.False(m.ResourceNotFound, $"{culture}: {m.Name}"));
                Assert.Equal(messages.Count, messages.Select(m => m.Value).Distinct().Count());
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task SecurityPage_InEnglish()
    {
        using var factory = SettingsFactory.Capturing();
        var client = await factory.CamilleAsync();
        await client.GetAsync("/langue?c=en&retour=%2F");

        var page = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Change the password", page.Text("h1"));
        Assert.StartsWith("At least 12 characters.", page.Text("#Input_New-hint"));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Recovery;

/// <summary>« Mot de passe oublié » on the practice directory, system mail captured in memory.</summary>
public sealed partial class RecoveryPageTests : IDisposable
{
    private const string NewPassword = "le chat dort sur trois coussins";

    private readonly CapturingSystemMail _mail = new();
    private readonly WebmailFactory _factory;

    public RecoveryPageTests()
    {
        _factory = new WebmailFactory(
            new Dictionary<string, string?> { ["Recovery:MaxRequestsPerIdentifier"] = "3" },
            services => services.AddSingleton<ISystemMail>(_mail));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignInPage_LinksToForgottenPassword_WhichAsksTheIdentifierWithALabel()
    {
        var client = _factory.NewClient();
        var signIn = await HtmlPage.GetAsync(client, "/");
        Assert.NotNull(signIn.Query("main a[href='/mot-de-passe-oublie']"));

        var page = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie");

        Assert.Equal("Mot de passe oublié", page.Text("h1"));
        Assert.Equal("Identifiant académique (obligatoire)", page.Text("label[for=Input_Identifier]"));
        Assert.Equal("username", page.Query("#Input_Identifier")!.GetAttribute("autocomplete"));
        Assert.NotNull(page.Query("main a[href='/aide/mot-de-passe-oublie']"));
    }

    [Fact]
    public async Task Start_Empty_ShowsGovUkError()
    {
        var client = _factory.NewClient();
        var start = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie");

        var page = await HtmlPage.LoadAsync(await start.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Identifier"] = " " }));

        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("#Input_Identifier", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Equal("Erreur : Saisissez votre identifiant académique.", page.Text("#Input_Identifier-error"));
    }

    [Fact]
    public async Task MethodPage_OffersTheThreeMethodsAsRadiosWithHints_AndRequiresAChoice()
    {
        var client = _factory.NewClient();
        var page = await RecoveryFlow.StartAsync(client, PracticeSeed.Identifier);

        Assert.Equal("M'auto dépanner", page.Text("h1"));
        Assert.Equal("Comment voulez-vous recevoir votre premier code ? (obligatoire)", page.Text("legend"));
        var labels = page.QueryAll("input[type=radio]").Select(r => page.Text($"label[for={r.Id}]")).ToList();
        Assert.Equal(["Recevoir un code par courriel", "Demander l'aide de l'assistance technique", "Utiliser mon adresse de secours"], labels);
        Assert.All(page.QueryAll("input[type=radio]"), r => Assert.NotNull(page.Query("#" + r.GetAttribute("aria-describedby"))));

        var error = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form"));
        Assert.Equal("#Input_Method", error.Query(".err-sum a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task LaterStep_WithoutAJourney_GoesBackToTheStartWithAnExplanation()
    {
        var client = _factory.NewClient();

        var response = await client.GetAsync("/mot-de-passe-oublie/code");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mot-de-passe-oublie?reprise=1", response.Headers.Location?.OriginalString);
        var start = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie?reprise=1");
        Assert.Contains("recommence au début", start.Text("[role=status]"));
    }

    [Fact]
    public async Task CodeByMail_EndToEnd_NewPasswordWorks_OldRefused_Notified_SessionsEnded()
    {
        var signedIn = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var client = _factory.NewClient();

        var codePage = await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);

        Assert.Equal("Saisir le code", codePage.Text("h1"));
        // Masked: the first letter and the domain of julien.bernard's practice address, nothing more.
        Assert.Matches(@"Si un compte correspond, un code a été envoyé à l'adresse connue de l'académie \(j•••@[^)]+\)", codePage.Text("[role=status]"));
        var input = codePage.Query("#Input_Code")!;
        Assert.Equal("one-time-code", input.GetAttribute("autocomplete"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
        Assert.Null(input.GetAttribute("onpaste"));
        var codeMail = await _mail.WaitForAsync(1);
        Assert.Equal("julien.bernard", codeMail.To.Mailboxes.Single().Address.Split('@')[0]);
        Assert.Contains("valable 15 minutes", codeMail.TextBody);

        var code = CapturingSystemMail.CodeIn(codeMail);
        await RecoveryFlow.FinishAsync(client, code[..4] + " " + code[4..], NewPassword);

        var mail = _factory.Services.GetRequiredService<IMailService>();
        Assert.Equal(SignInStatus.BadCredentials, (await mail.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password, default)).Status);
        var outcome = await mail.SignInAsync(PracticeSeed.Identifier, NewPassword, default);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        await outcome.Mailbox!.CloseAsync();
        var notice = await _mail.WaitForAsync(2);
        Assert.Equal("Le mot de passe de votre compte a été changé", notice.Subject);
        // The session opened before the change is over.
        var inbox = await signedIn.GetAsync("/courrier");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        // The journey cookie is gone: the code page now starts again.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mot-de-passe-oublie/code")).StatusCode);
        var audit = _factory.Services.GetRequiredService<IRecoveryAudit>().For(PracticeSeed.Identifier);
        Assert.Contains(audit, e => e.Event == AuditEvent.PasswordChanged && e.Method == RecoveryMethod.ContactMail && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task EveryStep_ReadsTheSame_ForAKnownAndAnUnknownIdentifier()
    {
        var known = await JourneyPagesAsync("camille.martin");
        var unknown = await JourneyPagesAsync("camille.martinn");

        Assert.Equal(known.Count, unknown.Count);
        for (var i = 0; i < known.Count; i++)
        {
            Assert.Equal(Normalize(known[i], "camille.martin"), Normalize(unknown[i], "camille.martinn"));
        }
        // The known one got a mail, the unknown one nothing: only the mailbox can tell.
        await _mail.WaitForAsync(1);
    }

    [Fact]
    public async Task FiveWrongCodes_KillTheCode_TheRightOneThenFails()
    {
        var client = _factory.NewClient();
        await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);
        var code = CapturingSystemMail.CodeIn(await _mail.WaitForAsync(1));
        var wrong = code[..7] + (code[7] == '9' ? '0' : (char)(code[7] + 1));

        for (var i = 0; i < 5; i++)
        {
            var page = await HtmlPage.LoadAsync(await RecoveryFlow.TypeCodeAsync(client, wrong));
            Assert.Equal("Erreur : Ce code n'est pas valable : il est faux, a expiré ou a déjà servi. Après 5 essais, un code ne fonctionne plus : demandez-en un nouveau.", page.Text("#Input_Code-error"));
        }
        var sixth = await HtmlPage.LoadAsync(await RecoveryFlow.TypeCodeAsync(client, code));

        Assert.Equal(HttpStatusCode.OK, sixth.Status);
        Assert.NotNull(sixth.Query("#Input_Code-error"));
    }

    [Fact]
    public async Task ASecondRequest_KillsTheFirstCode()
    {
        var client = _factory.NewClient();
        await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);
        var first = CapturingSystemMail.CodeIn(await _mail.WaitForAsync(1));
        await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);
        var second = CapturingSystemMail.CodeIn(await _mail.WaitForAsync(2));

        var withFirst = await RecoveryFlow.TypeCodeAsync(client, first);
        Assert.Equal(HttpStatusCode.OK, withFirst.StatusCode);
        var withSecond = await RecoveryFlow.TypeCodeAsync(client, second);
        Assert.Equal(HttpStatusCode.Redirect, withSecond.StatusCode);
    }

    [Fact]
    public async Task CodeRequests_AreLimitedPerIdentifier_WithTheWaitStated_KnownOrNot()
    {
        foreach (var identifier in new[] { PracticeSeed.Identifier, "personne.inconnue" })
        {
            var client = _factory.NewClient();
            for (var i = 0; i < 3; i++)
            {
                var ok = await RecoveryFlow.AskCodeByMailAsync(client, identifier);
                Assert.Equal("Saisir le code", ok.Text("h1"));
            }

            var blocked = await RecoveryFlow.AskCodeByMailAsync(client, identifier);

            Assert.StartsWith("Erreur : ", blocked.Title);
            Assert.Matches(@"Trop de demandes ont été faites\. Pour protéger le compte, attendez \d+ minutes? avant de réessayer\.", blocked.Text(".err-sum li"));
        }
    }

    [Fact]
    public async Task NewPasswordPage_ShowsThePolicyBeforeTheField_AndRefusesWithAReason()
    {
        var client = _factory.NewClient();
        await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);
        var code = CapturingSystemMail.CodeIn(await _mail.WaitForAsync(1));
        Assert.Equal(HttpStatusCode.Redirect, (await RecoveryFlow.TypeCodeAsync(client, code)).StatusCode);
        var page = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/nouveau-mot-de-passe");

        Assert.Equal("Choisir un nouveau mot de passe", page.Text("h1"));
        var policy = page.Query("#policy")!;
        Assert.Contains("au moins 12 caractères", policy.TextContent);
        Assert.True(policy.CompareDocumentPosition(page.Query("#Input_Password")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Equal("new-password", page.Query("#Input_Password")!.GetAttribute("autocomplete"));
        Assert.Contains("policy", page.Query("#Input_Password")!.GetAttribute("aria-describedby"));

        var cases = new Dictionary<string, string>
        {
            ["court mot"] = "Le mot de passe doit faire au moins 12 caractères. Ajoutez un ou deux mots.",
            ["AZERTYUIOP123"] = "Ce mot de passe est trop courant : il serait vite deviné. Choisissez-en un autre, par exemple une phrase.",
            ["mon nom est camille.martin"] = "Le mot de passe ne doit pas contenir votre identifiant.",
        };
        foreach (var (password, reason) in cases)
        {
            var refused = await HtmlPage.LoadAsync(await RecoveryFlow.ChoosePasswordAsync(client, password));
            Assert.True(refused.Status == HttpStatusCode.OK, $"{password}: {refused.Status} {refused.Response.Headers.Location}");
            Assert.Equal("Erreur : " + reason, refused.Text("#Input_Password-error"));
            // A refused password is not written back into the page.
            Assert.DoesNotContain(password, refused.Html);
        }
        // A control character pasted into the field: refused with a reason. (A NUL never reaches the page: the
        // framework answers any form holding one with the error page, before model binding.)
        var withNul = await HtmlPage.LoadAsync(await RecoveryFlow.ChoosePasswordAsync(client, "une phrase\u0001assez longue"));
        Assert.Equal(HttpStatusCode.OK, withNul.Status);
        Assert.Contains("caractère invisible", withNul.Text("#Input_Password-error"));
        // The grant survives refusals: the right password still goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await RecoveryFlow.ChoosePasswordAsync(client, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ShowPassword_WorksWithoutJavaScript_KeepingWhatWasTyped()
    {
        var client = _factory.NewClient();
        await RecoveryFlow.AskCodeByMailAsync(client, PracticeSeed.Identifier);
        var code = CapturingSystemMail.CodeIn(await _mail.WaitForAsync(1));
        await RecoveryFlow.TypeCodeAsync(client, code);
        var page = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/nouveau-mot-de-passe");
        var toggle = page.Query("main form button[formaction]")!;
        Assert.Equal("Afficher le mot de passe", toggle.TextContent);
        Assert.Equal("password", page.Query("#Input_Password")!.GetAttribute("type"));

        var shown = await HtmlPage.LoadAsync(await PostWithTokenAsync(client, page, "/mot-de-passe-oublie/nouveau-mot-de-passe?handler=Toggle",
            new() { ["Input.Password"] = NewPassword, ["Input.Shown"] = "false" }));

        Assert.Equal("text", shown.Query("#Input_Password")!.GetAttribute("type"));
        Assert.Equal(NewPassword, shown.Query("#Input_Password")!.GetAttribute("value"));
        Assert.Equal("Masquer le mot de passe", shown.Query("main form button[formaction]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await shown.SubmitAsync(client, "main form")).StatusCode);
    }

    [Fact]
    public async Task Assistance_RequestIsStoredAsATicket_AndTheAgentsCodeOpensTheAccount()
    {
        var client = _factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, PracticeSeed.SecondIdentifier);
        Assert.Equal("/mot-de-passe-oublie/assistance", (await RecoveryFlow.ChooseAsync(client, method, "Assistance")).Headers.Location?.OriginalString);
        var form = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");
        Assert.DoesNotContain("name=\"Input.Numen\"", form.Html);
        Assert.Contains("NUMEN", form.Text("[role=note]"));

        var empty = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form"));
        Assert.Equal("#Input_HowToReach", empty.Query(".err-sum a")!.GetAttribute("href"));
        var sent = await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.HowToReach"] = "06 12 34 56 78, le matin", ["Input.Message"] = "Bloqué depuis lundi" });
        Assert.Equal("/mot-de-passe-oublie/assistance/envoyee", sent.Headers.Location?.OriginalString);
        var confirmation = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance/envoyee");
        Assert.Equal("Demande envoyée", confirmation.Text("h1"));

        var desk = _factory.Services.GetRequiredService<IAssistanceTicketStore>();
        var ticket = Assert.Single(desk.List(open: true));
        Assert.Equal("06 12 34 56 78, le matin", ticket.HowToReach);
        var code = await _factory.Services.CreateScope().ServiceProvider.GetRequiredService<AssistanceDesk>()
            .IssueCodeAsync(ticket, "agent.test", "Rappel au numéro de l'annuaire, NUMEN confirmé", default);

        await RecoveryFlow.FinishAsync(client, code!, NewPassword);
        var outcome = await _factory.Services.GetRequiredService<IMailService>().SignInAsync(PracticeSeed.SecondIdentifier, NewPassword, default);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        await outcome.Mailbox!.CloseAsync();
    }

    [Fact]
    public async Task Questions_OnePerPage_DecoysForAnUnknownIdentifier_AndNoCodeWithoutBothAnswers()
    {
        var enrolments = _factory.Services.GetRequiredService<IEnrolmentStore>();
        var hasher = _factory.Services.GetRequiredService<AnswerHasher>();
        enrolments.SetBackupAddress(PracticeSeed.Identifier, "julien.bernard@entrainement.invalid");
        enrolments.SetQuestions(PracticeSeed.Identifier,
        [
            EnrolledQuestion.From("Ma première école ?", hasher.Hash("Jules Ferry")),
            EnrolledQuestion.From("Mon premier chat ?", hasher.Hash("Mistigri")),
        ]);

        var unknown = await QuestionsAsync("personne.inconnue");
        Assert.Equal(unknown, await QuestionsAsync("personne.inconnue"));
        Assert.Equal(["Ma première école ? (obligatoire)", "Mon premier chat ? (obligatoire)"], await QuestionsAsync(PracticeSeed.Identifier));

        // One wrong answer: same page as when both are right, and no code.
        var client = _factory.NewClient();
        var wrong = await AnswerAsync(client, PracticeSeed.Identifier, "jules ferry", "Garfield");
        Assert.Contains("Si un compte correspond et que les deux réponses sont justes", wrong.Text("[role=status]"));
        await Task.Delay(300);
        Assert.Empty(_mail.Sent);

        var right = await AnswerAsync(_factory.NewClient(), PracticeSeed.Identifier, "JULES-FERRY", " mistigri ");
        Assert.Equal(wrong.Text("[role=status]"), right.Text("[role=status]"));
        var codeMail = await _mail.WaitForAsync(1);
        Assert.Equal("julien.bernard@entrainement.invalid", codeMail.To.Mailboxes.Single().Address);
    }

    private async Task<List<string>> QuestionsAsync(string identifier)
    {
        var client = _factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, identifier);
        Assert.Equal("/mot-de-passe-oublie/questions/1", (await RecoveryFlow.ChooseAsync(client, method, "BackupAddress")).Headers.Location?.OriginalString);
        var first = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/1");
        Assert.Equal("Question 1 sur 2", first.Text("h1"));
        await first.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = "je ne sais pas" });
        var second = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/2");
        Assert.Equal("Question 2 sur 2", second.Text("h1"));
        return [first.Text("label[for=Input_Answer]"), second.Text("label[for=Input_Answer]")];
    }

    private static async Task<HtmlPage> AnswerAsync(HttpClient client, string identifier, string first, string second)
    {
        var method = await RecoveryFlow.StartAsync(client, identifier);
        await RecoveryFlow.ChooseAsync(client, method, "BackupAddress");
        var one = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/1");
        await one.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = first });
        var two = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/2");
        var sent = await two.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = second });
        Assert.Equal("/mot-de-passe-oublie/code?envoi=secours", sent.Headers.Location?.OriginalString);
        return await HtmlPage.GetAsync(client, sent.Headers.Location!.OriginalString);
    }

    /// <summary>Every page of the three methods, up to the code page, for one identifier (a fresh browser each method).</summary>
    private async Task<List<string>> JourneyPagesAsync(string identifier)
    {
        var pages = new List<string>();
        var client = _factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, identifier);
        pages.Add(method.Html);
        await RecoveryFlow.ChooseAsync(client, method, "ContactMail");
        var byMail = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/courriel");
        pages.Add(byMail.Html);
        var sent = await byMail.SubmitAsync(client, "main form");
        pages.Add((await HtmlPage.GetAsync(client, sent.Headers.Location!.OriginalString)).Html);
        pages.Add((await HtmlPage.LoadAsync(await RecoveryFlow.TypeCodeAsync(client, "12345678"))).Html);

        method = await RecoveryFlow.StartAsync(client, identifier);
        await RecoveryFlow.ChooseAsync(client, method, "Assistance");
        var assistance = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");
        pages.Add(assistance.Html);
        var requested = await assistance.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.HowToReach"] = "06 00 00 00 00" });
        pages.Add((await HtmlPage.GetAsync(client, requested.Headers.Location!.OriginalString)).Html);

        var answered = await AnswerAsync(client, identifier, "réponse", "réponse");
        pages.Add(answered.Html);
        return pages;
    }

    /// <summary>Removes what legitimately differs: antiforgery tokens, the identifier echoed back, the decoy/real masked address.</summary>
    private static string Normalize(string html, string identifier) =>
        MaskedAddress().Replace(Token().Replace(html.Replace(identifier, "IDENTIFIANT"), "TOKEN"), "MASQUE");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"\([\w•]•••@[•a-z0-9.-]+\)")]
    private static partial Regex MaskedAddress();

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, HtmlPage page, string url, Dictionary<string, string> values)
    {
        values["__RequestVerificationToken"] = page.Query("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}

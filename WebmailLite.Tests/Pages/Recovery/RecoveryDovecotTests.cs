using System.Net;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Recovery;

/// <summary>
/// The three recovery methods end to end on the real rig: the code arrives by mail through Postfix into Dovecot (or
/// from the desk), the new password is written to Dovecot's passwd-file, and IMAP then accepts it and refuses the old one.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class RecoveryDovecotTests : IDisposable
{
    private const string NewPassword = "trois moineaux sur la gouttière";
    private readonly string _contactsFile = Path.Combine(Path.GetTempPath(), "wl-contacts-" + Guid.NewGuid().ToString("N") + ".txt");

    public void Dispose() => File.Delete(_contactsFile);

    [Fact]
    public async Task CodeByMail_ToTheContactAddress_ThenTheNewPasswordSignsInToDovecot()
    {
        var server = MailServer.Instance;
        var (person, personal) = await TwoAccountsAsync("cmartin", "perso");
        File.WriteAllText(_contactsFile, $"# identifiant\tadresse\n{person.Identifier}\t{personal.Address}\n");
        using var factory = Factory();
        var client = factory.NewClient();

        var codePage = await RecoveryFlow.AskCodeByMailAsync(client, person.Identifier.ToUpperInvariant());

        Assert.Contains(RecoveryService.Mask(personal.Address), codePage.Text("[role=status]"));
        var mail = await server.WaitForMessageAsync(personal, "Votre code pour changer de mot de passe");
        Assert.Contains("Messagerie académique", mail.From.ToString());
        await RecoveryFlow.FinishAsync(client, CapturingSystemMail.CodeIn(mail), NewPassword);
        await AssertPasswordChangedAsync(person);
        var notice = await server.WaitForMessageAsync(person with { Password = NewPassword }, "Le mot de passe de votre compte a été changé");
        Assert.Contains("avec un code envoyé à l'adresse connue de l'académie", notice.TextBody);
    }

    [Fact]
    public async Task Assistance_TheAgentChecksIdentityAndGivesACode_ThePersonTypesIt()
    {
        var (person, agent) = await TwoAccountsAsync("jbernard", "agent");
        using var factory = Factory(agent.Identifier);
        var client = factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, person.Identifier);
        await RecoveryFlow.ChooseAsync(client, method, "Assistance");
        var form = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");
        await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.HowToReach"] = "05 55 00 00 00, après 16 h" });

        // The desk: only for agents. Anyone else signed in gets 404.
        var other = await factory.SignedInAsync(person.Identifier, person.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/assistance")).StatusCode);
        var desk = await factory.SignedInAsync(agent.Identifier, agent.Password);
        var list = await HtmlPage.GetAsync(desk, "/assistance");
        Assert.Equal("Assistance", list.Text("header a[href='/assistance']"));
        Assert.Null((await HtmlPage.GetAsync(other, "/courrier")).Query("header a[href='/assistance']"));
        var link = list.QueryAll("tbody a").Single(a => a.ParentElement!.ParentElement!.TextContent.Contains(person.Identifier));
        var ticket = await HtmlPage.GetAsync(desk, link.GetAttribute("href")!);
        Assert.Equal($"Le compte {person.Identifier} existe.", ticket.QueryAll("dl.facts dd")[1].TextContent);
        var refused = await HtmlPage.LoadAsync(await ticket.SubmitAsync(desk, "form[action*='handler=Code']"));
        Assert.Equal("#Input_IdentityCheck", refused.Query(".err-sum a")!.GetAttribute("href"));
        var issued = await HtmlPage.LoadAsync(await ticket.SubmitAsync(desk, "form[action*='handler=Code']",
            new Dictionary<string, string> { ["Input.IdentityCheck"] = "Rappel au numéro de l'annuaire, NUMEN et date de naissance confirmés" }));
        var code = issued.Text(".code-shown").Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[0-9]{8}$", code);
        Assert.Contains("Ce code ne s'affichera plus", issued.Document.Body!.TextContent);
        // Shown once: the ticket page shows it no more, the history says a code was given and by whom.
        var again = await HtmlPage.GetAsync(desk, link.GetAttribute("href")!);
        Assert.Null(again.Query(".code-shown"));
        Assert.Contains("code donné – " + agent.Identifier, again.Text("ol.history"));

        await RecoveryFlow.FinishAsync(client, code, NewPassword);
        await AssertPasswordChangedAsync(person);
        // The agent's session is not the person's: it lives on; the person's own earlier session has ended.
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/assistance")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/courrier")).StatusCode);

        var close = await again.SubmitAsync(desk, "form[action*='handler=Close']");
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        var closed = await HtmlPage.GetAsync(desk, "/assistance?etat=closes");
        Assert.Contains(person.Identifier, closed.Text("table"));
    }

    [Fact]
    public async Task BackupAddress_TwoRightAnswers_ThenACodeToTheBackupAddress()
    {
        var server = MailServer.Instance;
        var (person, backup) = await TwoAccountsAsync("lpetit", "secours");
        using var factory = Factory();
        RecoveryFlow.Enrol(factory.Services, person.Identifier, backup.Address);
        var client = factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, person.Identifier);
        await RecoveryFlow.ChooseAsync(client, method, "BackupAddress");
        var first = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/1");
        Assert.Equal("Le nom de ma première école ? (obligatoire)", first.Text("label[for=Input_Answer]"));
        await first.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = "ecole jules ferry" });
        var second = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/2");
        var sent = await second.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = "LIMOGES" });
        Assert.Equal("/mot-de-passe-oublie/code?envoi=secours", sent.Headers.Location?.OriginalString);

        var mail = await server.WaitForMessageAsync(backup, "Votre code pour changer de mot de passe");
        await RecoveryFlow.FinishAsync(client, CapturingSystemMail.CodeIn(mail), NewPassword);
        await AssertPasswordChangedAsync(person);
        // The backup address is told too.
        await server.WaitForMessageAsync(backup, "Le mot de passe de votre compte a été changé");
    }

    private WebmailFactory Factory(string? agent = null) => new(WebmailFactory.DovecotSettings(new()
    {
        ["Accounts:ContactsFile"] = _contactsFile,
        ["Recovery:AssistanceAgents:0"] = agent ?? "personne",
    }));

    private async Task<(TestAccount, TestAccount)> TwoAccountsAsync(string first, string second)
    {
        if (!File.Exists(_contactsFile))
        {
            File.WriteAllText(_contactsFile, "");
        }
        var accounts = await MailServer.Instance.CreateAccountsAsync(first, second);
        return (accounts[0], accounts[1]);
    }

    private static async Task AssertPasswordChangedAsync(TestAccount person)
    {
        var server = MailServer.Instance;
        using (var client = await server.ConnectImapAsync(person with { Password = NewPassword }))
        {
            Assert.True(client.IsAuthenticated);
            await client.DisconnectAsync(true);
        }
        await Assert.ThrowsAsync<AuthenticationException>(() => server.ConnectImapAsync(person));
    }
}

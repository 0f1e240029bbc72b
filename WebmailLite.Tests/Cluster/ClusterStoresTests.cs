using System.Net;
using System.Text.RegularExpressions;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Cluster;

/// <summary>
/// What people do through one instance and find through another, on one PostgreSQL: a backup address and questions
/// registered on one, used by a recovery journey on the other; a desk request opened on one, answered from the
/// other; messages waiting in the outbox, sent exactly once while workers run on every instance.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "PostgreSQL")]
[Trait("Category", "MailServer")]
public sealed class ClusterStoresTests(ClusterStoresTests.Fixture fixture) : IClassFixture<ClusterStoresTests.Fixture>
{
    private const string NewPassword = "le vent se lève sur la garrigue";
    private Cluster Cluster => fixture.Cluster;
    private DroppingProxy Smtp => fixture.Smtp;
    private TestAccount Agent => fixture.Agent;

    /// <summary>One cluster for the class; the SMTP relay is held only inside the outbox test, which lets it go again.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public Cluster Cluster { get; private set; } = null!;

        public DroppingProxy Smtp { get; private set; } = null!;

        public TestAccount Agent { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // Submission goes through a relay the test can hold, so that messages wait in the outbox on demand.
            Smtp = DroppingProxy.Start(MailServer.Instance.SmtpHost, MailServer.Instance.SmtpPort);
            Agent = await MailServer.Instance.CreateAccountAsync("grappe-agent");
            Cluster = await Cluster.StartAsync(2, new()
            {
                ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Timeout"] = "00:00:03",
                ["Mail:Outbox:RetryMin"] = "00:00:01",
                ["Mail:Outbox:RetryMax"] = "00:00:02",
                ["Mail:Outbox:PollInterval"] = "00:00:01",
                ["Recovery:AssistanceAgents:0"] = Agent.Identifier,
                ["Recovery:MaxRequestsPerAddress"] = "1000",
                ["Recovery:MaxFailuresPerAddress"] = "1000",
                ["SignIn:MaxFailuresPerAddress"] = "1000",
            });
        }

        public async Task DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }

    [Fact]
    public async Task ABackupAddressAndQuestionsRegisteredOnOneInstance_RecoverTheAccountThroughTheOther()
    {
        var server = MailServer.Instance;
        var accounts = await server.CreateAccountsAsync("grappe-secours", "grappe-perso");
        var (person, personal) = (accounts[0], accounts[1]);
        var one = Cluster.Client("app1");
        Assert.Equal(HttpStatusCode.Redirect, (await one.SignInAsync(person.Identifier, person.Password)).StatusCode);
        var form = await HtmlPage.GetAsync(one, "/parametres/securite/adresse-de-secours");
        var sent = await form.SubmitAsync(one, "main form", new Dictionary<string, string> { ["Input.Current"] = person.Password, ["Input.Address"] = personal.Address });
        var codePage = await HtmlPage.GetAsync(one, sent.Headers.Location!.OriginalString);
        var mail = await server.WaitForMessageAsync(personal, "Confirmez votre adresse de secours");
        var confirmation = Regex.Match(mail.TextBody ?? "", @"Code de confirmation : (\d{8})").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await codePage.SubmitAsync(one, "main form", new Dictionary<string, string> { ["Input.Code"] = confirmation })).StatusCode);
        var questions = await HtmlPage.GetAsync(one, "/parametres/securite/questions");
        var saved = await questions.SubmitAsync(one, "main form", new Dictionary<string, string>
        {
            ["Input.Choice1"] = "3",
            ["Input.Answer1"] = "Zéphyrin",
            ["Input.Choice2"] = "propre",
            ["Input.Own2"] = "Le surnom de ma grand-mère ?",
            ["Input.Answer2"] = "Mamoune",
            ["Input.Current"] = person.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("app1", Cluster.InstanceOf(saved));

        // The journey on app2: the questions and the backup address registered on app1 are there.
        var two = Cluster.Client("app2");
        var method = await RecoveryFlow.StartAsync(two, person.Identifier);
        await RecoveryFlow.ChooseAsync(two, method, "BackupAddress");
        var first = await HtmlPage.GetAsync(two, "/mot-de-passe-oublie/questions/1");
        await first.SubmitAsync(two, "main form", new Dictionary<string, string> { ["Input.Answer"] = first.Text("label[for=Input_Answer]").Contains("surnom") ? "mamoune" : "zephyrin" });
        var second = await HtmlPage.GetAsync(two, "/mot-de-passe-oublie/questions/2");
        var answered = await second.SubmitAsync(two, "main form", new Dictionary<string, string> { ["Input.Answer"] = second.Text("label[for=Input_Answer]").Contains("surnom") ? "MAMOUNE" : "ZEPHYRIN" });
        Assert.Equal(("/mot-de-passe-oublie/code?envoi=secours", "app2"), (answered.Headers.Location?.OriginalString, Cluster.InstanceOf(answered)));
        var code = CapturingSystemMail.CodeIn(await server.WaitForMessageAsync(personal, "Votre code pour changer de mot de passe"));

        // The code is typed on app1 (the journey's cookie and the code, both made on app2, are read there).
        Cluster.Pin(two, "app1");
        await RecoveryFlow.FinishAsync(two, code, NewPassword);
        using var imap = await server.ConnectImapAsync(person with { Password = NewPassword });
        Assert.True(imap.IsAuthenticated);
    }

    [Fact]
    public async Task ADeskRequestOpenedThroughOneInstance_IsSeenAndAnsweredFromTheOther()
    {
        var person = await MailServer.Instance.CreateAccountAsync("grappe-guichet");
        var client = Cluster.Client("app1");
        var method = await RecoveryFlow.StartAsync(client, person.Identifier);
        await RecoveryFlow.ChooseAsync(client, method, "Assistance");
        var form = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");
        await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.HowToReach"] = "04 42 00 00 00" });

        var desk = Cluster.Client("app2");
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SignInAsync(Agent.Identifier, Agent.Password)).StatusCode);
        var list = await HtmlPage.GetAsync(desk, "/assistance");
        Assert.Equal("app2", Cluster.InstanceOf(list.Response));
        var link = list.QueryAll("tbody a").Single(a => a.ParentElement!.ParentElement!.TextContent.Contains(person.Identifier));
        var ticket = await HtmlPage.GetAsync(desk, link.GetAttribute("href")!);
        var issued = await HtmlPage.LoadAsync(await ticket.SubmitAsync(desk, "form[action*='handler=Code']",
            new Dictionary<string, string> { ["Input.IdentityCheck"] = "Rappel au numéro de l'établissement" }));
        var code = issued.Text(".code-shown").Replace(" ", "", StringComparison.Ordinal);

        await RecoveryFlow.FinishAsync(client, code, NewPassword);
        using var imap = await MailServer.Instance.ConnectImapAsync(person with { Password = NewPassword });
        Assert.True(imap.IsAuthenticated);
    }

    [Fact]
    public async Task MessagesWaitingInTheOutbox_LeaveExactlyOnce_WithWorkersOnEveryInstance()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("grappe-auteur1", "grappe-auteur2", "grappe-boite");
        var (author1, author2, recipient) = (accounts[0], accounts[1], accounts[2]);
        var one = Cluster.Client("app1");
        var two = Cluster.Client("app2");
        Assert.Equal(HttpStatusCode.Redirect, (await one.SignInAsync(author1.Identifier, author1.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await two.SignInAsync(author2.Identifier, author2.Password)).StatusCode);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var subjects = new List<string>();

        // The sending server does not answer: every message waits in the outbox of the database.
        Smtp.HoldReplies();
        foreach (var (client, author) in new[] { (one, "1"), (two, "2"), (one, "1"), (two, "2") })
        {
            var subject = $"En attente {tag} de l'auteur {author} n°{subjects.Count + 1}";
            subjects.Add(subject);
            var compose = await HtmlPage.GetAsync(client, "/courrier/ecrire");
            var posted = await compose.SubmitAsync(client, "form.compose", new Dictionary<string, string>
            {
                ["Input.To"] = recipient.Address,
                ["Input.Subject"] = subject,
                ["Input.Body"] = "Envoyé une seule fois, quel que soit le nombre d'instances.",
            });
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        var waiting = await HtmlPage.GetAsync(one, "/courrier/attente");
        Assert.Equal(2, waiting.QueryAll("main table tbody tr").Length);

        // Both instances' workers now find every message due; each leaves once, through its author's session.
        Smtp.LetRepliesThrough();
        foreach (var subject in subjects)
        {
            await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        foreach (var subject in subjects)
        {
            Assert.Equal(1, await WebmailLite.Tests.Pages.Mail.ComposeMail.CountAsync(recipient, subject));
        }
    }
}

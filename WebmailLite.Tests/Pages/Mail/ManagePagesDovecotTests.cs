using System.Net;
using MimeKit;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>The same pages on the real Dovecot: actions, confirmations, search, sort and folders through IMAP.</summary>
[Trait("Category", "MailServer")]
public sealed class ManagePagesDovecotTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    private static MimeMessage Letter(TestAccount to, string subject, string from, string body, int day) =>
        new([new MailboxAddress(from, from.ToLowerInvariant().Replace(' ', '.') + "@ac-test.fr")], [MailboxAddress.Parse(to.Address)], subject,
            new TextPart("plain") { Text = body })
        {
            Date = new DateTimeOffset(2026, 3, day, 9, 0, 0, TimeSpan.FromHours(1)),
        };

    private async Task<(TestAccount Account, HttpClient Client)> MailboxAsync()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("pages");
        await server.AppendAsync(account, "INBOX", Letter(account, "Conseil de classe de 4e B", "Hélène Dubois", "Ordre du jour du conseil.", 1));
        await server.AppendAsync(account, "INBOX", Letter(account, "Budget de la sortie", "Bruno Martin", "Devis du car pour la sortie.", 2));
        await server.AppendAsync(account, "INBOX", Letter(account, "Absences en EPS", "Anne Lefèvre", "Liste des absences.", 3));
        await server.AppendAsync(account, "Sent", Letter(account, "Re: Budget de la sortie", "Moi Même", "D'accord pour le devis.", 4), seen: true);
        return (account, await _factory.SignedInAsync(account.Identifier, account.Password));
    }

    [Fact]
    public async Task Actions_MarkReadWithHtmx_MoveToTrash_ThenDeleteForGood()
    {
        var (_, client) = await MailboxAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Equal(["Absences en EPS", "Budget de la sortie", "Conseil de classe de 4e B"], Subjects(inbox));
        Tick(inbox, "Absences en EPS", "Budget de la sortie");

        var fragment = await HtmlPage.LoadAsync(await PressAsync(client, inbox, "lu", htmx: true));
        Assert.Equal("2 messages marqués comme lus.", fragment.Text("#statut"));
        Assert.Null(Row(fragment, "Absences en EPS").GetAttribute("class"));
        Assert.Equal("u", Row(fragment, "Conseil de classe de 4e B").GetAttribute("class"));

        var trashed = await PressAsync(client, inbox, "supprimer");
        var after = await HtmlPage.GetAsync(client, trashed.Headers.Location!.OriginalString);
        Assert.Equal("2 messages mis à la corbeille.", after.Text("#statut .banner"));
        Assert.Equal(["Conseil de classe de 4e B"], Subjects(after));

        var trash = await HtmlPage.GetAsync(client, "/courrier?dossier=Trash");
        Assert.Equal(["Absences en EPS", "Budget de la sortie"], Subjects(trash));
        Tick(trash, "Absences en EPS");
        var confirm = await HtmlPage.GetAsync(client, (await PressAsync(client, trash, "effacer")).Headers.Location!.OriginalString);
        Assert.Equal("Supprimer définitivement ce message ?", confirm.Text("h1"));
        var erased = await SubmitAsync(client, confirm, "main form");
        var trashAfter = await HtmlPage.GetAsync(client, erased.Headers.Location!.OriginalString);
        Assert.Equal("1 message supprimé définitivement.", trashAfter.Text("#statut .banner"));
        Assert.Equal(["Budget de la sortie"], Subjects(trashAfter));

        var empty = await HtmlPage.GetAsync(client, "/courrier/vider?dossier=Trash");
        var emptied = await SubmitAsync(client, empty, "main form");
        Assert.Empty(Subjects(await HtmlPage.GetAsync(client, emptied.Headers.Location!.OriginalString)));
    }

    [Fact]
    public async Task Search_InTheFolder_InEveryFolder_AndNothingFound()
    {
        var (_, client) = await MailboxAsync();

        var inFolder = await HtmlPage.GetAsync(client, "/courrier/recherche?q=sortie");
        var everywhere = await HtmlPage.GetAsync(client, "/courrier/recherche?q=sortie&portee=tous");
        var nothing = await HtmlPage.GetAsync(client, "/courrier/recherche?q=piscine&portee=tous");

        Assert.Equal(["Budget de la sortie"], Subjects(inFolder));
        Assert.Equal("1 message correspond à « sortie » dans « Boîte de réception ».", inFolder.Text("p.found"));
        Assert.Equal(["Budget de la sortie", "Re: Budget de la sortie"], Subjects(everywhere));
        Assert.Equal(["Boîte de réception", "Envoyés"], everywhere.QueryAll("#liste tbody td:nth-child(3)").Select(td => td.TextContent));
        Assert.Equal("Aucun message ne correspond à « piscine » dans tous les dossiers.", nothing.Text("p.found"));
    }

    [Theory]
    [InlineData("expediteur", new[] { "Absences en EPS", "Budget de la sortie", "Conseil de classe de 4e B" })]
    [InlineData("objet", new[] { "Absences en EPS", "Budget de la sortie", "Conseil de classe de 4e B" })]
    [InlineData("ancien", new[] { "Conseil de classe de 4e B", "Budget de la sortie", "Absences en EPS" })]
    public async Task Sort_ThroughImapSort(string token, string[] expected)
    {
        var (_, client) = await MailboxAsync();

        var page = await HtmlPage.GetAsync(client, "/courrier?tri=" + token);

        Assert.Equal(expected, Subjects(page));
    }

    [Fact]
    public async Task Folders_CreateMoveIntoRefuseDeleteThenDelete()
    {
        var (_, client) = await MailboxAsync();
        var folders = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        var created = await SubmitAsync(client, folders, "main form[method=post]", new Dictionary<string, string> { ["Input.Name"] = "Conseils 2026" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var duplicate = await HtmlPage.LoadAsync(await SubmitAsync(client, await HtmlPage.GetAsync(client, "/courrier/dossiers"), "main form[method=post]", new Dictionary<string, string> { ["Input.Name"] = "conseils 2026" }));
        Assert.Equal("Erreur : Un dossier « conseils 2026 » existe déjà à cet emplacement. Choisissez un autre nom.", duplicate.Text("#Input_Name-error"));

        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Tick(inbox, "Conseil de classe de 4e B");
        var moved = await PressAsync(client, inbox, "deplacer", values: new Dictionary<string, string> { ["vers"] = "Conseils 2026" });
        Assert.Equal("1 message déplacé vers « Conseils 2026 ».", (await HtmlPage.GetAsync(client, moved.Headers.Location!.OriginalString)).Text("#statut .banner"));

        var refused = await HtmlPage.GetAsync(client, "/courrier/dossiers/supprimer?dossier=Conseils%202026");
        Assert.Equal("Le dossier « Conseils 2026 » ne peut pas être supprimé", refused.Text("h1"));
        Assert.Null(refused.Query("main form"));

        var rename = await HtmlPage.GetAsync(client, "/courrier/dossiers/renommer?dossier=Conseils%202026");
        var renamed = await SubmitAsync(client, rename, "main form", new Dictionary<string, string> { ["Input.Name"] = "Conseils de classe" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var folder = await HtmlPage.GetAsync(client, "/courrier?dossier=Conseils%20de%20classe");
        Tick(folder, "Conseil de classe de 4e B");
        await PressAsync(client, folder, "deplacer", values: new Dictionary<string, string> { ["vers"] = "INBOX" });

        var confirm = await HtmlPage.GetAsync(client, "/courrier/dossiers/supprimer?dossier=Conseils%20de%20classe");
        Assert.Equal("Supprimer le dossier « Conseils de classe » ?", confirm.Text("h1"));
        var deleted = await SubmitAsync(client, confirm, "main form");
        var after = await HtmlPage.GetAsync(client, deleted.Headers.Location!.OriginalString);
        Assert.Equal("Le dossier « Conseils de classe » a été supprimé.", after.Text("#statut .banner"));
        Assert.DoesNotContain("Conseils de classe", after.QueryAll("tbody th").Select(th => th.TextContent));

        var trash = await HtmlPage.GetAsync(client, "/courrier/dossiers/supprimer?dossier=Trash");
        Assert.Equal(HttpStatusCode.BadRequest, trash.Status);
    }

    [Fact]
    public async Task Search_WithoutAccents_FindsAccentedSubjectAndSender_AndAMoveComesBackToTheResults()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("searchpages");
        await server.AppendAsync(account, "INBOX", Letter(account, "Réunion des élèves", "Marc Petit", "Ordre du jour.", 1));
        await server.AppendAsync(account, "INBOX", Letter(account, "Cantine", "Hélène Martin", "Menus.", 2));
        await server.AppendAsync(account, "INBOX", Letter(account, "Budget", "Paul Roux", "Devis.", 3));
        var client = await _factory.SignedInAsync(account.Identifier, account.Password);

        var eleves = await HtmlPage.GetAsync(client, "/courrier/recherche?q=eleves");
        var helene = await HtmlPage.GetAsync(client, "/courrier/recherche?q=helene");

        Assert.Equal(["Réunion des élèves"], Subjects(eleves));
        Assert.Equal(["Cantine"], Subjects(helene));
        Assert.Equal("1 message correspond à « helene » dans « Boîte de réception ».", helene.Text("p.found"));
        var message = await HtmlPage.GetAsync(client, Row(helene, "Cantine").QuerySelector("a")!.GetAttribute("href")!);
        var moved = await PressAsync(client, message, "supprimer");
        Assert.Equal("/courrier/recherche?q=helene", moved.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, moved.Headers.Location!.OriginalString);
        Assert.Equal("1 message mis à la corbeille.", after.Text("#statut .banner"));
        Assert.Equal("Aucun message ne correspond à « helene » dans « Boîte de réception ».", after.Text("p.found"));
    }

    /// <summary>
    /// Mail:Search:BodyTimeout made tiny (50 ms) against 2,000 messages of 4 KB: Dovecot reads every message to answer
    /// (about half a second here), so the real IMAP search is abandoned half-way and the page says why.
    /// </summary>
    [Fact]
    public async Task Search_InText_TooLong_SaysSoAsAnError_KeepsTheQuery_AndOffersSubjectAndSender()
    {
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new() { ["Mail:Search:BodyTimeout"] = "00:00:00.050" }));
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("toolong");
        var body = string.Join("\n", Enumerable.Repeat("Compte rendu du conseil d'administration, point par point.", 70));
        await server.AppendManyAsync(account, Enumerable.Range(1, 2000).Select(i => Letter(account, $"Compte rendu {i}", "Secrétariat", body, 1 + i % 28)));
        var client = await factory.SignedInAsync(account.Identifier, account.Password);

        var page = await HtmlPage.GetAsync(client, "/courrier/recherche?q=%22ordre+du+jour%22&texte=1");

        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("#q", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Equal("Erreur : La recherche dans le texte des messages prend trop de temps. Cherchez seulement dans l’objet et l’expéditeur (décochez « Chercher aussi dans les destinataires et le texte des messages »), ou ajoutez des mots plus précis.", page.Text("#q-error"));
        Assert.Equal("\"ordre du jour\"", page.Query("#q")!.GetAttribute("value"));
        Assert.True(page.Query("#texte")!.HasAttribute("checked"));
        Assert.Null(page.Query("table"));
        var narrower = page.QueryAll("main a").Single(a => a.TextContent == "Chercher « \"ordre du jour\" » dans l’objet et l’expéditeur seulement");
        Assert.Equal("/courrier/recherche?q=%22ordre%20du%20jour%22", narrower.GetAttribute("href"));

        var headersOnly = await HtmlPage.GetAsync(client, narrower.GetAttribute("href")!);
        Assert.False(headersOnly.Title!.StartsWith("Erreur", StringComparison.Ordinal));
        Assert.Equal("Aucun message ne correspond à « \"ordre du jour\" » dans « Boîte de réception ».", headersOnly.Text("p.found"));

        var everyFolder = await HtmlPage.GetAsync(client, "/courrier/recherche?q=introuvable&texte=1&portee=tous");
        Assert.StartsWith("Erreur : La recherche dans le texte de tous les dossiers prend trop de temps.", everyFolder.Text("#q-error"));
    }
}

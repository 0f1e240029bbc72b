using MimeKit;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>The search page on the real Dovecot: accents ignored, actions back to the results, a text search that takes too long.</summary>
[Trait("Category", "MailServer")]
public sealed class SearchPagesDovecotTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    private static MimeMessage Letter(TestAccount to, string subject, string from, string body, int day = 1) =>
        new([new MailboxAddress(from, "x" + day + "@ac-test.fr")], [MailboxAddress.Parse(to.Address)], subject, new TextPart("plain") { Text = body })
        {
            Date = new DateTimeOffset(2026, 3, day, 9, 0, 0, TimeSpan.FromHours(1)),
        };

    [Fact]
    public async Task WithoutAccents_FindsAccentedSubjectAndSender_AndAMoveComesBackToTheResults()
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
    public async Task InText_TooLong_SaysSoAsAnError_KeepsTheQuery_AndOffersSubjectAndSender()
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

using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>Search (in a folder, in every folder, nothing found) and sort orders, on the seeded practice mailbox.</summary>
public sealed class SearchAndSortPagesTests : IDisposable
{
    private readonly WebmailFactory _factory = PracticeFactory.Create();

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> SignInAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    [Fact]
    public async Task Inbox_HasALabelledSearchForm_AndASortForm()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier");

        var search = page.Query("form[role=search]")!;
        Assert.Equal("get", search.GetAttribute("method"));
        Assert.Equal("/courrier/recherche", search.GetAttribute("action"));
        Assert.Equal("Rechercher des messages", search.GetAttribute("aria-label"));
        Assert.Equal("Rechercher", page.Text("label[for=q]"));
        Assert.Equal("search", page.Query("#q")!.GetAttribute("type"));
        Assert.Equal(["dans « Boîte de réception »", "dans tous les dossiers"], page.QueryAll("#portee option").Select(o => o.TextContent));
        Assert.Equal("Trier par", page.Text("label[for=tri]"));
        Assert.Equal(["", "ancien", "expediteur", "objet", "taille"], page.QueryAll("#tri option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task Search_InTheFolder_ResultsPagedLikeTheList_WithCheckboxesAndTheToolbar()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");

        var page = await HtmlPage.LoadAsync(await inbox.SubmitAsync(client, "form[role=search]", new Dictionary<string, string> { ["q"] = "conseil" }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Recherche « conseil » – WebmailLite", page.Title);
        Assert.Equal("Résultats de la recherche", page.Text("h1"));
        Assert.Matches(@"^\d+ messages correspondent à « conseil » dans « Boîte de réception »\.$", page.Text("p.found"));
        Assert.Matches(@"^Résultats : \d+ messages, page 1 sur 1$", page.Text("caption"));
        var subjects = Subjects(page);
        Assert.Contains("Invitation : conseil pédagogique", subjects);
        Assert.Contains("Re: Conseil de classe de la 3e A : appréciations", subjects);
        Assert.All(subjects, s => Assert.DoesNotContain("bulletin de paie", s, StringComparison.Ordinal));
        Assert.Equal("conseil", page.Query("#q")!.GetAttribute("value"));
        Assert.NotNull(page.Query("form.sel fieldset.tools"));
        Assert.Equal(subjects.Count, page.QueryAll("#liste input[type=checkbox]").Length);
    }

    [Fact]
    public async Task Search_ActionOnResults_RedirectsBackToTheSameSearch()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/recherche?q=conseil");
        Tick(page, "Invitation : conseil pédagogique");

        var response = await PressAsync(client, page, "suivre");

        Assert.Equal("/courrier/recherche?q=conseil", response.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal("1 message suivi.", after.Text("#statut .banner"));
        Assert.Contains("Suivi", Row(after, "Invitation : conseil pédagogique").TextContent);

        var htmx = await HtmlPage.LoadAsync(await PressAsync(client, after, "nepassuivre", htmx: true));
        Assert.Equal("1 message n’est plus suivi.", htmx.Text("#statut"));
        Assert.Matches(@"^Résultats : ", htmx.Text("caption"));
    }

    [Fact]
    public async Task Search_InEveryFolder_ShowsEachResultsFolder_WithoutCheckboxes()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/recherche?q=sortie&portee=tous");

        Assert.Matches(@"^\d+ messages correspondent à « sortie » dans tous les dossiers\.$", page.Text("p.found"));
        Assert.Equal(["Objet", "Expéditeur", "Dossier", "Date", "Taille"], page.QueryAll("thead th").Select(th => th.TextContent));
        var folders = page.QueryAll("#liste tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        Assert.Contains("Boîte de réception", folders);
        Assert.Contains("Envoyés", folders);
        Assert.Contains(PracticeSeed.TripsFolder, folders);
        Assert.Empty(page.QueryAll("#liste input[type=checkbox]"));
        Assert.Null(page.Query("form.sel"));
        Assert.Equal("tous", page.Query("#portee option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_NothingMatches_SaysSo_AndOffersEveryFolder()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/recherche?q=piscine");

        Assert.Equal("Aucun message ne correspond à « piscine » dans « Boîte de réception ».", page.Text("p.found"));
        Assert.Null(page.Query("table"));
        var all = page.QueryAll("main a").Single(a => a.TextContent == "Chercher « piscine » dans tous les dossiers");
        Assert.Equal("/courrier/recherche?q=piscine&portee=tous", all.GetAttribute("href"));
    }

    [Fact]
    public async Task Search_Empty_IsAnErrorOnTheField()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/recherche?q=+&dossier=Sent");

        Assert.StartsWith("Erreur : ", page.Title);
        Assert.Equal("#q", page.Query(".err-sum a")!.GetAttribute("href"));
        Assert.Equal("Erreur : Saisissez un ou plusieurs mots à rechercher.", page.Text("#q-error"));
        Assert.Equal("q-hint q-error", page.Query("#q")!.GetAttribute("aria-describedby"));
        Assert.Equal("dans « Envoyés »", page.Text("#portee option"));
        Assert.Null(page.Query("#statut .banner"));
    }

    [Fact]
    public async Task Search_UnknownFolder_Is404()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/recherche?q=x&dossier=Inconnu");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Theory]
    [InlineData("objet", "Objet", "ascending")]
    [InlineData("expediteur", "Expéditeur", "ascending")]
    [InlineData("taille", "Taille", "descending")]
    [InlineData("ancien", "Date", "ascending")]
    [InlineData("", "Date", "descending")]
    public async Task Sort_TheColumnSaysSo_AndTheCaptionToo(string token, string column, string direction)
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier" + (token.Length > 0 ? "?tri=" + token : ""));

        var sorted = Assert.Single(page.QueryAll("thead th[aria-sort]"));
        Assert.Equal(column, sorted.TextContent);
        Assert.Equal(direction, sorted.GetAttribute("aria-sort"));
        Assert.Equal(token, page.Query("#tri option[selected]")!.GetAttribute("value"));
        if (token is "objet" or "expediteur" or "taille")
        {
            Assert.EndsWith(", triés par " + column.ToLowerInvariant(), page.Text("caption"), StringComparison.Ordinal);
        }
        else if (token.Length == 0)
        {
            Assert.Matches(@"^Boîte de réception : \d+ messages, page 1 sur \d+$", page.Text("caption"));
        }
    }

    [Fact]
    public async Task Sort_BySubject_PagesInThatOrder_AndThePagerKeepsIt()
    {
        var client = await SignInAsync();

        var first = await HtmlPage.GetAsync(client, "/courrier?tri=objet");
        var next = first.Query("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var second = await HtmlPage.GetAsync(client, next);

        Assert.Equal("/courrier?page=2&tri=objet", next);
        var all = Subjects(first).Concat(Subjects(second)).ToList();
        var expected = all.OrderBy(WebmailLite.Mail.SortKeys.BaseSubject, WebmailLite.Mail.SortKeys.Text).ToList();
        Assert.Equal(expected, all);
        Assert.Equal("Absence de Léa mardi", all[0]);
    }

    [Fact]
    public async Task Sort_OldestFirst_IsTheReverseOfTheDefault()
    {
        var client = await SignInAsync();

        var newest = Subjects(await HtmlPage.GetAsync(client, "/courrier")).Concat(Subjects(await HtmlPage.GetAsync(client, "/courrier?page=2"))).ToList();
        var oldest = Subjects(await HtmlPage.GetAsync(client, "/courrier?tri=ancien")).Concat(Subjects(await HtmlPage.GetAsync(client, "/courrier?page=2&tri=ancien"))).ToList();

        Assert.Equal(Enumerable.Reverse(newest), oldest);
    }

    [Fact]
    public async Task Sort_SubmittedThroughTheForm_KeepsTheFolder()
    {
        var client = await SignInAsync();
        var sent = await HtmlPage.GetAsync(client, "/courrier?dossier=Sent");

        var response = await sent.SubmitAsync(client, "form.sort", new Dictionary<string, string> { ["tri"] = "objet" });
        var page = await HtmlPage.LoadAsync(response);

        Assert.Equal("/courrier?dossier=Sent&tri=objet", response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.EndsWith("triés par objet", page.Text("caption"), StringComparison.Ordinal);
        Assert.Equal("Envoyés", page.Text("h1"));
    }
}

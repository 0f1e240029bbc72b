using System.Net;
using WebmailLite.Pages.Mail;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// Search (in a folder, in every folder, nothing found) and sort orders, on the seeded practice mailbox. Results are a
/// real list (issue 11): the list's bulk tools, and every action — from the results or from a message opened from them,
/// the deletion for good's confirmation included — lands back on the same results.
/// </summary>
public sealed class SearchAndSortPagesTests : IDisposable
{
    private const string Results = "/courrier/recherche?q=conseil";
    private const string Invitation = "Invitation : conseil pédagogique";

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
        Assert.Equal("Recherche « conseil » – Messagerie académique", page.Title);
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

    [Fact]
    public async Task Results_HaveTheListsBulkTools_SelectAllWithoutJavaScript_DistinctNamesPerBox()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, Results);

        var selectAll = page.Query("form.sel .bulk .all a")!;
        Assert.Equal("Tout sélectionner", selectAll.TextContent);
        Assert.Equal(Results + "&tout=1", selectAll.GetAttribute("href"));
        Assert.NotNull(page.Query("form.sel .bulk details fieldset.tools"));
        var names = page.QueryAll("#liste input[type=checkbox]").Select(box => box.GetAttribute("aria-labelledby")).ToList();
        Assert.True(names.Count > 1);
        Assert.Equal(names.Count, names.Distinct().Count());

        var ticked = await HtmlPage.GetAsync(client, selectAll.GetAttribute("href")!);

        Assert.All(ticked.QueryAll("#liste input[type=checkbox]"), box => Assert.True(box.HasAttribute("checked")));
        Assert.Equal("Tout désélectionner", ticked.Text("form.sel .bulk .all a"));
        Assert.Equal(Results, ticked.Query("form.sel .bulk .all a")!.GetAttribute("href"));
        Assert.Equal("conseil", ticked.Query("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Results_SecondPageAndOrder_ActionComesBackToThatPageAndOrder()
    {
        var client = await SignInAsync();
        var here = "/courrier/recherche?q=e&page=2&tri=objet";
        var page = await HtmlPage.GetAsync(client, here);
        var subject = Subjects(page)[0];
        Tick(page, subject);

        var after = await PressAndComeBackAsync(client, page, "suivre", here, "1 message suivi.");

        Assert.Contains("Suivi", Row(after, subject).TextContent);
    }

    [Fact]
    public async Task MessageOpenedFromResults_CarriesTheWayBack_LeavingItReturnsToTheResults()
    {
        var client = await SignInAsync();
        var results = await HtmlPage.GetAsync(client, Results);
        var link = Row(results, Invitation).QuerySelector("a")!.GetAttribute("href")!;
        Assert.EndsWith("&retour=" + Uri.EscapeDataString(Results), link, StringComparison.Ordinal);

        var message = await HtmlPage.GetAsync(client, link);
        Assert.Equal("Retour : résultats de la recherche", message.Text("p.back a"));
        Assert.Equal(Results, message.Query("p.back a")!.GetAttribute("href"));

        await PressAndComeBackAsync(client, message, "nonlu", Results, "1 message marqué comme non lu.");

        var followed = await PressAsync(client, await HtmlPage.GetAsync(client, link), "suivre");
        Assert.Equal(link, followed.Headers.Location?.OriginalString);

        var afterJunk = await PressAndComeBackAsync(client, await HtmlPage.GetAsync(client, link), "indesirable", Results, "1 message signalé comme indésirable et déplacé dans « Indésirables ».");
        Assert.DoesNotContain(Invitation, Subjects(afterJunk));
    }

    [Fact]
    public async Task DeletingForGood_FromResultsOrFromAMessageOpenedThere_ConfirmsThenReturnsToTheResults()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, Results);
        Tick(inbox, Invitation, "Re: Conseil de classe de la 3e A : appréciations");
        Assert.Equal(Results, (await PressAsync(client, inbox, "supprimer")).Headers.Location?.OriginalString);
        var inTrash = "/courrier/recherche?q=conseil&dossier=Trash";
        var trash = await HtmlPage.GetAsync(client, inTrash);
        Tick(trash, Invitation);

        var asked = await PressAsync(client, trash, "effacer");

        var confirmUrl = asked.Headers.Location!.OriginalString;
        Assert.StartsWith("/courrier/effacer?dossier=Trash&u=", confirmUrl, StringComparison.Ordinal);
        Assert.EndsWith("&retour=" + Uri.EscapeDataString(inTrash), confirmUrl, StringComparison.Ordinal);
        var confirm = await HtmlPage.GetAsync(client, confirmUrl);
        var cancel = confirm.Query("form.actions a")!;
        Assert.Equal("Non, revenir aux résultats de la recherche", cancel.TextContent);
        Assert.Equal(inTrash, cancel.GetAttribute("href"));
        var erased = await SubmitAsync(client, confirm, "form.actions");
        Assert.Equal(inTrash, erased.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, inTrash);
        Assert.Equal("1 message supprimé définitivement.", after.Text("#statut .banner"));
        Assert.Equal(["Re: Conseil de classe de la 3e A : appréciations"], Subjects(after));

        // The other one, from its own page.
        var message = await HtmlPage.GetAsync(client, Row(after, "Re: Conseil de classe de la 3e A : appréciations").QuerySelector("a")!.GetAttribute("href")!);
        var fromMessage = await PressAsync(client, message, "effacer");
        Assert.EndsWith("&retour=" + Uri.EscapeDataString(inTrash), fromMessage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var erasedFromMessage = await SubmitAsync(client, await HtmlPage.GetAsync(client, fromMessage.Headers.Location.OriginalString), "form.actions");
        Assert.Equal(inTrash, erasedFromMessage.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("//ailleurs.example/courrier")]
    [InlineData("https://ailleurs.example/courrier/recherche?q=x")]
    [InlineData("/\\ailleurs.example")]
    [InlineData("/courrier/effacer?dossier=Trash&u=1")]
    [InlineData("/courrier/recherche/../../deconnexion")]
    [InlineData("javascript:alert(1)")]
    public async Task AWayBackElsewhere_IsIgnored_TheMessageGoesBackToItsFolder(string elsewhere)
    {
        var client = await SignInAsync();
        var results = await HtmlPage.GetAsync(client, Results);
        var link = Row(results, Invitation).QuerySelector("a")!.GetAttribute("href")!;
        var forged = link[..link.IndexOf("&retour=", StringComparison.Ordinal)] + "&retour=" + Uri.EscapeDataString(elsewhere);

        var message = await HtmlPage.GetAsync(client, forged);
        var junk = await PressAsync(client, message, "indesirable");

        Assert.Null(ReturnUrls.Accept(elsewhere));
        Assert.Equal("/courrier", message.Query("p.back a")!.GetAttribute("href"));
        Assert.Equal("/courrier", junk.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/courrier/recherche?q=conseil&page=2")]
    [InlineData("/courrier?dossier=Sent&page=3")]
    [InlineData("/courrier")]
    public void ReturnUrls_TheListAndTheSearch_AreAccepted(string url) => Assert.Equal(url, ReturnUrls.Accept(url));

    [Fact]
    public async Task EveryFolder_NoCheckboxes_LinksToTheSameSearchInEachFolder_WhereTheyCanBeTicked()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/recherche?q=sortie&portee=tous");

        Assert.Empty(page.QueryAll("#liste input[type=checkbox]"));
        var links = page.QueryAll("ul.in-folders a").ToList();
        Assert.Contains(links, a => a.TextContent == "résultats dans « Boîte de réception » seulement" && a.GetAttribute("href") == "/courrier/recherche?q=sortie");
        var sent = links.Single(a => a.TextContent == "résultats dans « Envoyés » seulement");
        Assert.Equal("/courrier/recherche?q=sortie&dossier=Sent", sent.GetAttribute("href"));

        var inSent = await HtmlPage.GetAsync(client, sent.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, inSent.Status);
        Assert.NotEmpty(inSent.QueryAll("#liste input[type=checkbox]"));
    }

    [Fact]
    public async Task EveryFolder_AMessageOpenedThere_ReturnsToTheResultsAcrossFolders()
    {
        var client = await SignInAsync();
        const string everywhere = "/courrier/recherche?q=sortie&portee=tous";
        var results = await HtmlPage.GetAsync(client, everywhere);
        var subject = Subjects(results)[0];
        var message = await HtmlPage.GetAsync(client, Row(results, subject).QuerySelector("a")!.GetAttribute("href")!);

        var after = await PressAndComeBackAsync(client, message, "supprimer", everywhere, "1 message mis à la corbeille.");

        Assert.Contains("Corbeille", Row(after, subject).TextContent);
    }

    [Fact]
    public async Task Hint_SaysHowFarAccentsAreIgnored()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), Results);

        Assert.Equal("Objet ou expéditeur. Les majuscules ne comptent pas, ni les accents dans les 1\u202f000 messages les plus récents de chaque dossier ; « des mots entre guillemets » cherchent l’expression entière.", page.Text("#q-hint"));
    }

    /// <summary>Presses a toolbar button on results (or on a message opened from them): back to <paramref name="back"/>, with its banner.</summary>
    private static async Task<HtmlPage> PressAndComeBackAsync(HttpClient client, HtmlPage page, string action, string back, string banner)
    {
        var response = await PressAsync(client, page, action);
        Assert.Equal(back, response.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, back);
        Assert.Equal(banner, after.Text("#statut .banner"));
        return after;
    }
}

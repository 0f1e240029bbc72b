using System.Net;
using WebmailLite.Pages.Mail;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// Search results as a real list (issue 11): the list's bulk tools, and every action — from the results or from a
/// message opened from them, the deletion for good's confirmation included — lands back on the same results.
/// </summary>
public sealed class SearchResultsActionsPagesTests : IDisposable
{
    private const string Results = "/courrier/recherche?q=conseil";
    private const string Invitation = "Invitation : conseil pédagogique";

    private readonly WebmailFactory _factory = PracticeFactory.Create();

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> SignInAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

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

        var response = await PressAsync(client, page, "suivre");

        Assert.Equal(here, response.Headers.Location?.OriginalString);
        var after = await HtmlPage.GetAsync(client, here);
        Assert.Equal("1 message suivi.", after.Text("#statut .banner"));
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

        var unread = await PressAsync(client, message, "nonlu");
        Assert.Equal(Results, unread.Headers.Location?.OriginalString);
        var back = await HtmlPage.GetAsync(client, Results);
        Assert.Equal("1 message marqué comme non lu.", back.Text("#statut .banner"));

        var followed = await PressAsync(client, await HtmlPage.GetAsync(client, link), "suivre");
        Assert.Equal(link, followed.Headers.Location?.OriginalString);

        var junk = await PressAsync(client, await HtmlPage.GetAsync(client, link), "indesirable");
        Assert.Equal(Results, junk.Headers.Location?.OriginalString);
        var afterJunk = await HtmlPage.GetAsync(client, Results);
        Assert.Equal("1 message signalé comme indésirable et déplacé dans « Indésirables ».", afterJunk.Text("#statut .banner"));
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
    public async Task Hint_SaysHowFarAccentsAreIgnored()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), Results);

        Assert.Equal("Objet ou expéditeur. Les majuscules ne comptent pas, ni les accents dans les 1\u202f000 messages les plus récents de chaque dossier ; « des mots entre guillemets » cherchent l’expression entière.", page.Text("#q-hint"));
    }
}

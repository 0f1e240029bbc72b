using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>Every page of managing and searching mail: a language, a title, one h1, the landmarks, no-store; and in English.</summary>
public sealed class ManagePagesShapeTests : IClassFixture<ManagePagesShapeTests.Fixture>
{
    private readonly Fixture _fixture;

    public ManagePagesShapeTests(Fixture fixture) => _fixture = fixture;

    public static TheoryData<string> Pages => new()
    {
        "/courrier?tri=expediteur",
        "/courrier?dossier=Trash",
        "/courrier?dossier=Junk",
        "/courrier/recherche",
        "/courrier/recherche?q=conseil",
        "/courrier/recherche?q=sortie&portee=tous",
        "/courrier/recherche?q=piscine",
        "/courrier/recherche?q=",
        "/courrier/recherche?q=x&dossier=inconnu",
        "/courrier/effacer?dossier=Trash&u=1",
        "/courrier/effacer?dossier=Trash&u=999",
        "/courrier/effacer?dossier=INBOX&u=1",
        "/courrier/vider?dossier=Trash",
        "/courrier/vider?dossier=Sent",
        "/courrier/dossiers",
        "/courrier/dossiers/renommer?dossier=Sorties%20scolaires",
        "/courrier/dossiers/renommer?dossier=Trash",
        "/courrier/dossiers/renommer?dossier=inconnu",
        "/courrier/dossiers/supprimer?dossier=Conseils%20de%20classe",
        "/courrier/dossiers/supprimer?dossier=INBOX",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasLangTitleOneH1LandmarksAndNoStore(string url)
    {
        var page = await HtmlPage.GetAsync(await _fixture.ClientAsync(), url);

        Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {page.Status}");
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.EndsWith(" – Messagerie académique", page.Title);
        Assert.Single(page.QueryAll("h1"));
        Assert.NotNull(page.Query("main#contenu"));
        Assert.NotNull(page.Query("footer nav a[href='/aide']"));
        Assert.True(page.Response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {page.Response.Headers.CacheControl}");
        // No status banner and error summary together, ever.
        Assert.False(page.Query(".err-sum") is not null && page.Query("#statut .banner") is not null, url);
    }

    [Fact]
    public async Task Junk_DeleteGoesToTheTrash_AndTheFolderCanBeEmptied()
    {
        var page = await HtmlPage.GetAsync(await _fixture.ClientAsync(), "/courrier?dossier=Junk");

        Assert.Equal("Supprimer", page.Query("button[value=supprimer]")!.TextContent);
        Assert.Null(page.Query("button[value=effacer]"));
        Assert.Null(page.Query("button[value=indesirable]"));
        Assert.Equal("/courrier/vider?dossier=Junk", page.QueryAll("main a").Single(a => a.TextContent == "Vider les indésirables").GetAttribute("href"));
    }

    [Fact]
    public async Task InEnglish_TheToolbarSearchAndFolderPagesAreInEnglish()
    {
        var client = await _fixture.Factory.SignedInAsync(PracticeSeed.SecondIdentifier, PracticeSeed.Password);
        await client.GetAsync("/langue?c=en&retour=%2F");

        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var folders = await HtmlPage.GetAsync(client, "/courrier/dossiers");
        var search = await HtmlPage.GetAsync(client, "/courrier/recherche?q=zzz");

        Assert.Equal("en", inbox.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Mark as read", inbox.Query("button[value=lu]")!.TextContent);
        Assert.Equal("Search messages", inbox.Query("form[role=search]")!.GetAttribute("aria-label"));
        Assert.Equal("Manage folders", folders.Text("h1"));
        Assert.Equal("No message matches “zzz” in “Inbox”.", search.Text("p.found"));
    }

    public sealed class Fixture : IDisposable
    {
        private HttpClient? _client;

        public WebmailFactory Factory { get; } = PracticeFactory.Create();

        public async Task<HttpClient> ClientAsync() => _client ??= await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        public void Dispose() => Factory.Dispose();
    }
}

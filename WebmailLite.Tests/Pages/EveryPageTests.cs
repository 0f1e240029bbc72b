using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages;

/// <summary>Every GET page renders with a language, a title, exactly one h1, landmarks and the same help links.</summary>
public sealed class EveryPageTests : IClassFixture<EveryPageTests.Fixture>
{
    private readonly Fixture _fixture;

    public EveryPageTests(Fixture fixture) => _fixture = fixture;

    public static TheoryData<string, bool> Pages => new()
    {
        { "/", false },
        { "/?session=expiree", false },
        { "/?session=fermee", false },
        { "/aide", false },
        { "/aide/se-connecter", false },
        { "/aide/acces-refuse", false },
        { "/aide/mot-de-passe-oublie", false },
        { "/aide/preparer-son-compte", false },
        { "/aide/ordinateur-partage", false },
        { "/aide/accessibilite", false },
        { "/aide/lettre", false },
        { "/mot-de-passe-oublie", false },
        { "/mot-de-passe-oublie?reprise=1", false },
        { "/mot-de-passe-oublie/termine", false },
        { "/assistance", true },
        { "/une-page-qui-n-existe-pas", false },
        { "/courrier", true },
        { "/courrier?dossier=Sent", true },
        { "/courrier?page=2", true },
        { "/courrier?dossier=inconnu", true },
        { "/courrier/message?dossier=INBOX&uid=1", true },
        { "/courrier/message?dossier=INBOX&uid=424242", true },
        { "/parametres/preferences", true },
        { "/contacts", true },
        { "/contacts?q=dubois&page=3", true },
        { "/contacts/fiche", true },
        { "/contacts/fiche?adresse=h.dubois%40ac-exemple.fr&nom=H%C3%A9l%C3%A8ne", true },
        { "/contacts/fiche?id=inconnu", true },
        { "/contacts/supprimer?id=inconnu", true },
        { "/contacts/importer", true },
        { "/courrier/ecrire", true },
        { "/courrier/attente", true },
        { "/courrier/attente/annuler?id=inconnu", true },
        { "/parametres/securite", true },
        { "/parametres/securite/adresse-de-secours", true },
        { "/parametres/securite/adresse-de-secours/code", true },
        { "/parametres/securite/adresse-de-secours/retirer", true },
        { "/parametres/securite/questions", true },
        { "/parametres/securite/mot-de-passe", true },
        { "/courrier/recherche", true },
        { "/courrier/dossiers", true },
        { "/courrier/attente", true },
        { "/plan-du-site", false },
        { "/plan-du-site?connecte=1", true },
        { "/accessibilite", false },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasLangTitleOneH1LandmarksAndHelpLinks(string url, bool signedIn)
    {
        var client = signedIn ? await _fixture.SignedInClientAsync() : _fixture.Factory.NewClient();

        var page = await HtmlPage.GetAsync(client, url);

        Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {page.Status}");
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.EndsWith(" – Messagerie académique", page.Title);
        Assert.Single(page.QueryAll("h1"));
        Assert.NotNull(page.Query("header"));
        Assert.NotNull(page.Query("main#contenu"));
        Assert.NotNull(page.Query("footer nav a[href='/aide']"));
        Assert.NotNull(page.Query("footer nav a[href='/mot-de-passe-oublie']"));
        // « Plan du site » and the statement, with its state in words, in the same place on every page (RGAA 12.1-12.4).
        Assert.NotNull(page.Query("footer nav a[href='/plan-du-site']"));
        Assert.Matches("^Accessibilité : (totalement|partiellement|non) conforme$", page.Text("footer nav a[href='/accessibilite']"));
        // The language link is in the other language, and says so (RGAA 8.7).
        Assert.Equal("en", page.Query("footer nav a[hreflang]")!.GetAttribute("lang"));
        // Signed in, the guide is in the header too.
        Assert.Equal(signedIn, page.Query("header a[href='/aide']") is not null);
        Assert.Equal("html", page.Document.Doctype?.Name);
        // The skip link leads into the main content: « Aller au contenu », or on a list « Aller aux messages ».
        var skipTarget = page.Query("body > a.skip")!.GetAttribute("href");
        Assert.Matches("^#(contenu|messages)$", skipTarget);
        Assert.NotNull(page.Query($"main{(skipTarget == "#contenu" ? "" : " ")}{skipTarget}"));
        // Valid HTML (RGAA 8.2): htmx's attributes in their data-* form, which htmx reads as well.
        Assert.DoesNotContain(page.QueryAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("hx-", StringComparison.Ordinal));
        Assert.True(page.Response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {page.Response.Headers.CacheControl}");
    }

    /// <summary>Two pages never share a title (WCAG 2.4.2, RGAA 8.6): the guide's « Se connecter » is not the sign-in page.</summary>
    [Fact]
    public async Task DifferentPages_HaveDifferentTitles()
    {
        var anonymous = _fixture.Factory.NewClient();
        var signedIn = await _fixture.SignedInClientAsync();
        var titles = new Dictionary<string, string>();
        foreach (var row in Pages)
        {
            var (url, needsSession) = ((string)row[0], (bool)row[1]);
            var path = url.Split('?')[0];
            if (titles.ContainsValue(path))
            {
                continue; // The same page in another state (page 2, another folder) keeps its own title rules.
            }
            var page = await HtmlPage.GetAsync(needsSession ? signedIn : anonymous, url);
            if (page.Status == HttpStatusCode.OK)
            {
                Assert.False(titles.TryGetValue(page.Title, out var other), $"« {page.Title} » is the title of both {other} and {path}.");
                titles[page.Title] = path;
            }
        }
        Assert.True(titles.Count >= 15, $"Only {titles.Count} titles compared.");
    }

    [Fact]
    public async Task EnglishChosen_PageInEnglish_ThenBackToFrench()
    {
        var client = _fixture.Factory.NewClient();

        var switched = await client.GetAsync("/langue?c=en&retour=%2F");
        var english = await HtmlPage.GetAsync(client, "/");
        await client.GetAsync("/langue?c=fr&retour=%2F");
        var french = await HtmlPage.GetAsync(client, "/");

        Assert.Equal("/", switched.Headers.Location?.OriginalString);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Academic identifier (required)", english.Text("label[for=Input_Identifier]"));
        Assert.Equal("fr", french.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task LanguageSwitch_NeverRedirectsOffSite()
    {
        var response = await _fixture.Factory.NewClient().GetAsync("/langue?c=en&retour=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Stylesheet_IsFingerprinted_Precompressed_AndCachedImmutably()
    {
        var client = _fixture.Factory.NewClient();
        var page = await HtmlPage.GetAsync(client, "/");
        var href = page.Query("link[rel=stylesheet]")!.GetAttribute("href")!;

        var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
        Assert.True(body.Length > 100, "compressed body is not empty");
        Assert.Contains("immutable", string.Join(",", response.Headers.GetValues("Cache-Control")));
    }

    public sealed class Fixture : IDisposable
    {
        public WebmailFactory Factory { get; } = new();

        public Task<HttpClient> SignedInClientAsync() => Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        public void Dispose() => Factory.Dispose();
    }
}

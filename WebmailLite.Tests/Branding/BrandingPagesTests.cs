using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Accounts;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Branding;

/// <summary>
/// With the académie's names set, a person never meets the product's name except in the footer's credit: the crawl
/// follows every link of every page, signed out and signed in to the practice mailbox, in French and in English.
/// </summary>
public sealed class BrandingPagesTests : IClassFixture<BrandingPagesTests.Fixture>
{
    private const string Organisation = "Académie d'Aix-Marseille";
    private const string ServiceName = "Messagerie des personnels";
    private const string Product = "WebmailLite";
    /// <summary>Every page type, not every message: three addresses per path (page 2, another folder) are plenty.</summary>
    private const int PerPath = 3;
    private const int MaxPages = 400;

    private readonly Fixture _fixture;
    private readonly ITestOutputHelper _output;

    public BrandingPagesTests(Fixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(false, "fr")]
    [InlineData(true, "fr")]
    [InlineData(false, "en")]
    [InlineData(true, "en")]
    public async Task EveryReachablePage_NamesTheAcademie_AndTheProductOnlyInTheFooterCredit(bool signedIn, string language)
    {
        var client = signedIn ? await _fixture.Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password) : _fixture.Factory.NewClient();
        if (language == "en")
        {
            await client.GetAsync("/langue?c=en&retour=%2F");
        }
        var start = signedIn ? "/courrier" : "/";
        var queue = new Queue<string>([start, "/aide", "/accessibilite", "/plan-du-site", "/une-page-qui-n-existe-pas", "/?session=expiree", "/?session=fermee"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perPath = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var images = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var pages = 0;
        while (queue.TryDequeue(out var url) && pages < MaxPages)
        {
            if (!seen.Add(url))
            {
                continue;
            }
            var path = url.Split('?')[0];
            perPath[path] = perPath.GetValueOrDefault(path) + 1;
            if (perPath[path] > PerPath)
            {
                continue;
            }
            var response = await client.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found && response.Headers.Location is { } location)
            {
                if (Local(location.OriginalString) is { } next)
                {
                    queue.Enqueue(next);
                }
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            pages++;
            var page = await HtmlPage.LoadAsync(response);
            Check(url, page, signedIn, problems);
            foreach (var href in page.QueryAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (Local(href) is { } next && !seen.Contains(next))
                {
                    queue.Enqueue(next);
                }
            }
            foreach (var src in page.QueryAll("img[src]").Select(i => i.GetAttribute("src")!).Where(s => s.StartsWith('/')))
            {
                images.Add(src);
            }
        }
        // The guide's illustrations draw the header too: they must not show the product's name either.
        foreach (var src in images)
        {
            var body = await client.GetStringAsync(src);
            if (body.Contains(Product, StringComparison.Ordinal))
            {
                problems.Add($"{src}: the image says « {Product} ».");
            }
        }

        _output.WriteLine($"{pages} pages, {perPath.Count} paths, {images.Count} images: {string.Join(' ', perPath.Keys.Order())}");
        Assert.True(pages >= (signedIn ? 30 : 15), $"Only {pages} pages crawled.");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task SystemMail_ComesFromTheServiceName()
    {
        var mail = _fixture.Factory.Services.GetRequiredService<ISystemMail>();

        Assert.Equal(ServiceName, mail.Sender.Name);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task SignIn_SaysWhoseServiceItIs_InTheHeaderAndTheTitle()
    {
        var page = await HtmlPage.GetAsync(_fixture.Factory.NewClient(), "/");

        Assert.Equal($"Se connecter – {ServiceName} – {Organisation}", page.Title);
        Assert.Equal($"{ServiceName} {Organisation}", page.Text("header .brand"));
        Assert.Null(page.Query("header img"));
    }

    [Fact]
    public async Task AccessibilityStatement_IsAboutTheService()
    {
        var page = await HtmlPage.GetAsync(_fixture.Factory.NewClient(), "/accessibilite");

        Assert.Contains($"s'applique au service « {ServiceName} »", page.Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_NoOrganisation_NoLogo_AndTheDefaultServiceName()
    {
        using var factory = new WebmailFactory();
        var page = await HtmlPage.GetAsync(factory.NewClient(), "/");

        Assert.Equal("Se connecter – Messagerie académique", page.Title);
        Assert.Equal("Messagerie académique", page.Text("header .brand"));
        Assert.Null(page.Query("header .brand span, header img"));
        Assert.Equal("Propulsé par WebmailLite", page.Text("footer .by"));
    }

    private static void Check(string url, HtmlPage page, bool signedIn, List<string> problems)
    {
        var credits = page.QueryAll("footer > p.by");
        if (credits.Length != 1)
        {
            problems.Add($"{url}: {credits.Length} footer credits.");
        }
        foreach (var credit in credits)
        {
            credit.Remove();
        }
        // All of the page, attributes included (alt, aria-label, title, values): what is seen or heard.
        if (page.Document.DocumentElement.OuterHtml.Contains(Product, StringComparison.Ordinal))
        {
            var where = page.Document.All.Where(e => e.ChildElementCount == 0 && e.OuterHtml.Contains(Product, StringComparison.Ordinal)).Select(e => e.OuterHtml).FirstOrDefault();
            problems.Add($"{url}: « {Product} » outside the footer credit: {where ?? page.Title}");
        }
        if (!page.Title.EndsWith(" – " + Organisation, StringComparison.Ordinal) || !page.Title.Contains(" – ", StringComparison.Ordinal))
        {
            problems.Add($"{url}: title « {page.Title} » does not end with the organisation.");
        }
        if (!(page.Query("header .brand")?.TextContent.Contains(Organisation, StringComparison.Ordinal) ?? false))
        {
            problems.Add($"{url}: the header does not name the organisation.");
        }
        _ = signedIn;
    }

    /// <summary>A same-site page address, without its fragment; null for what is not a page to crawl.</summary>
    private static string? Local(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        var url = href.Split('#')[0];
        // The language link changes the language for the rest of the crawl; the static files are checked above.
        return url.Length == 0 || url.StartsWith("/langue", StringComparison.Ordinal) || url.StartsWith("/css/", StringComparison.Ordinal)
            || url.StartsWith("/js/", StringComparison.Ordinal) || url.StartsWith("/guide/", StringComparison.Ordinal)
            ? null : url;
    }

    public sealed class Fixture : IDisposable
    {
        public WebmailFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["Branding:ServiceName"] = ServiceName,
            ["Branding:Organisation"] = Organisation,
        });

        public void Dispose() => Factory.Dispose();
    }
}

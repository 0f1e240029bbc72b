using System.Net;
using AngleSharp.Dom;
using WebmailLite.Guide;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Guide;

/// <summary>
/// Every guide page as served, in French and English: it renders, and its HTML is checked rather than trusted — no
/// script, no inline style, no event handler, one h1, no skipped heading level, unique ids, every internal link and
/// anchor resolves, every figure has its text alternative.
/// </summary>
public sealed class GuidePagesTests(GuideSite site) : IClassFixture<GuideSite>
{
    public static TheoryData<string, string> PagesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        var catalog = new GuideCatalog(GuideMarkdown.CreatePipeline(), new AnyAsset());
        string[] urls = [GuideLinks.Home, .. catalog.Sections("fr").Select(p => p.Path), GuideLinks.Letter];
        foreach (var language in GuideSite.Languages)
        {
            foreach (var url in urls)
            {
                data.Add(url, language);
            }
        }
        return data;
    }

    [Fact]
    public void Catalog_HasTheSixSections_InOrder_InBothLanguages()
    {
        string[] expected = ["se-connecter", "acces-refuse", "mot-de-passe-oublie", "preparer-son-compte", "ordinateur-partage", "accessibilite"];
        foreach (var language in GuideSite.Languages)
        {
            Assert.Equal(expected, site.Catalog.Sections(language).Select(p => p.Slug));
        }
    }

    [Theory]
    [MemberData(nameof(PagesAndLanguages))]
    public void Page_RendersInItsLanguage_WithOneH1AndNoSkippedHeadingLevel(string url, string language)
    {
        var page = site.Pages[language][url];

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QueryAll("h1"));
        var levels = page.QueryAll("main h1, main h2, main h3, main h4, main h5, main h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{url} ({language}): heading level {levels[i]} after {levels[i - 1]}");
        }
        Assert.NotNull(page.Query($"footer nav a[href='{GuideLinks.Home}']"));
        Assert.NotNull(page.Query("link[rel=stylesheet][href^='/css/guide.']"));
    }

    [Theory]
    [MemberData(nameof(PagesAndLanguages))]
    public void Page_HasNoScriptNoInlineStyleNoEventHandler_AndUniqueIds(string url, string language)
    {
        var page = site.Pages[language][url];
        var all = page.QueryAll("*").ToList();

        Assert.Empty(page.QueryAll("script, style, iframe, object, embed"));
        Assert.DoesNotContain(all, e => e.HasAttribute("style"));
        var handlers = all.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name).ToList();
        Assert.Empty(handlers);
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes), a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        var ids = all.Select(e => e.Id).OfType<string>().Where(id => id.Length > 0).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(PagesAndLanguages))]
    public void Page_EveryInternalLinkAndAnchorResolves(string url, string language)
    {
        var page = site.Pages[language][url];
        var problems = new List<string>();
        foreach (var link in page.QueryAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            if (href.StartsWith("https://", StringComparison.Ordinal))
            {
                continue;
            }
            var problem = Resolve(url, language, href);
            if (problem is not null)
            {
                problems.Add($"« {link.TextContent.Trim()} » → {href}: {problem}");
            }
        }
        Assert.True(problems.Count == 0, $"{url} ({language}):\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(PagesAndLanguages))]
    public void Page_EveryFigureHasItsTextAlternativeCaptionAndSize(string url, string language)
    {
        var page = site.Pages[language][url];
        foreach (var image in page.QueryAll("main img"))
        {
            Assert.False(string.IsNullOrWhiteSpace(image.GetAttribute("alt")), $"{url} ({language}): {image.OuterHtml}");
            Assert.Equal("figure", image.ParentElement?.LocalName);
            Assert.False(string.IsNullOrWhiteSpace(image.ParentElement!.QuerySelector("figcaption")?.TextContent), $"{url}: no caption for {image.GetAttribute("src")}");
            Assert.Equal("lazy", image.GetAttribute("loading"));
            Assert.Equal(GuideIllustration.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), image.GetAttribute("width"));
            Assert.Equal(GuideIllustration.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), image.GetAttribute("height"));
            // Fingerprinted, hence cacheable for a year: guide/fr/name.HASH.svg.
            Assert.Matches($@"^/guide/{language}/[a-z0-9-]+\.[a-z0-9]+\.svg$", image.GetAttribute("src")!);
        }
    }

    [Fact]
    public void Steps_AreNumberedListsWhoseEveryItemHasOneFigure()
    {
        var steps = site.Pages["fr"].Values.SelectMany(p => p.QueryAll("ol.steps > li")).ToList();

        Assert.True(steps.Count >= 15, $"{steps.Count} steps");
        Assert.All(steps, step => Assert.Single(step.QuerySelectorAll("figure img[alt]")));
    }

    [Fact]
    public void EveryGuideLinksConstant_ResolvesInFrenchAndEnglish()
    {
        var constants = typeof(GuideLinks).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var problems = new List<string>();
        foreach (var language in GuideSite.Languages)
        {
            foreach (var target in constants)
            {
                if (Resolve(GuideLinks.Home, language, target) is { } problem)
                {
                    problems.Add($"{language} {target}: {problem}");
                }
            }
        }
        Assert.True(constants.Count >= 20, "GuideLinks read by reflection");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task UnknownSection_IsNotFound()
    {
        var page = await HtmlPage.GetAsync(site.Factory.NewClient(), "/aide/n-existe-pas");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public void Section_HasContentsPreviousAndNext()
    {
        var page = site.Pages["fr"]["/aide/acces-refuse"];

        var contents = page.QueryAll("nav.toc a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#maintenance", contents);
        Assert.Contains("#compte-inconnu", contents);
        Assert.Equal("/aide/se-connecter", page.Query("nav.pn a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/aide/mot-de-passe-oublie", page.Query("nav.pn a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("Accès refusé", page.Text("h1"));
        Assert.Equal("Access refused", site.Pages["en"]["/aide/acces-refuse"].Text("h1"));
    }

    [Fact]
    public void Notes_HaveARoleAndATextLabel()
    {
        var french = site.Pages["fr"]["/aide/acces-refuse"].QueryAll(".callout").ToList();
        var english = site.Pages["en"]["/aide/acces-refuse"].QueryAll(".callout").ToList();

        Assert.NotEmpty(french);
        Assert.All(french, n => Assert.Equal("note", n.GetAttribute("role")));
        Assert.Contains(french, n => n.QuerySelector(".callout-label")!.TextContent == "Attention :");
        Assert.Contains(english, n => n.QuerySelector(".callout-label")!.TextContent == "Warning:");
    }

    [Fact]
    public void GuideHome_ListsEverySectionWithItsSummary_AndTheLetter()
    {
        var page = site.Pages["fr"][GuideLinks.Home];

        var links = page.QueryAll("ol.sections > li > a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([.. site.Catalog.Sections("fr").Select(p => p.Path), GuideLinks.Letter], links);
        Assert.All(page.QueryAll("ol.sections > li"), li => Assert.False(string.IsNullOrWhiteSpace(li.QuerySelector("p")?.TextContent)));
    }

    /// <summary>Null when <paramref name="href"/>, found on <paramref name="from"/>, leads somewhere real.</summary>
    private string? Resolve(string from, string language, string href)
    {
        var hash = href.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? href : href[..hash];
        var fragment = hash < 0 ? null : href[(hash + 1)..];
        path = path.Split('?')[0];
        if (path.Length == 0)
        {
            path = from;
        }
        if (!path.StartsWith('/'))
        {
            return "not a local link";
        }
        if (site.Pages[language].TryGetValue(path, out var target))
        {
            return fragment is null || target.Document.GetElementById(fragment) is not null ? null : $"no id « {fragment} » on {path}";
        }
        if (path.StartsWith("/aide", StringComparison.Ordinal))
        {
            return "no such guide page";
        }
        if (fragment is not null)
        {
            return "anchor into an app page";
        }
        return site.IsRoute(path) ? null : "no such route in the app";
    }
}

using WebmailLite.Guide;

namespace WebmailLite.Tests.Guide;

public sealed class GuideFrontMatterTests
{
    private static readonly GuideRenderer Renderer = new(GuideMarkdown.CreatePipeline(), new AnyAsset());

    [Fact]
    public void FrontMatter_GivesTitleSlugOrderSummary_AndTheTableOfContents()
    {
        const string markdown = "---\ntitle: Accès refusé\nslug: acces-refuse\norder: 2\nsummary: Que faire : vérifier.\n---\n## Premier {#un}\n\nTexte.\n\n### Détail\n\n## Second\n";

        var page = Renderer.Render(GuideLanguage.French, markdown, "Content/fr/acces-refuse.md");

        Assert.Equal(("Accès refusé", "acces-refuse", 2, "Que faire : vérifier."), (page.Title, page.Slug, page.Order, page.Summary));
        Assert.Equal([new GuideHeading("un", "Premier"), new GuideHeading("second", "Second")], page.Contents);
        Assert.Equal("/aide/acces-refuse", page.Path);
        Assert.Contains("detail", page.Ids);
    }

    [Theory]
    [InlineData("title: T\nslug: s\norder: 1\nsummary: S\n", "starts with its front matter")]
    [InlineData("---\ntitle: T\nslug: s\norder: 1\nsummary: S\n", "no closing")]
    [InlineData("---\ntitle: T\nslug: s\norder: 1\n---\n", "« summary » is missing")]
    [InlineData("---\ntitle: T\nslug: s\norder: premier\nsummary: S\n---\n", "whole number")]
    [InlineData("---\ntitle: T\nslug: autre\norder: 1\nsummary: S\n---\n", "differs from the file name")]
    [InlineData("---\ntitle T\n---\n", "expected « key: value »")]
    public void BadFrontMatter_IsARenderError(string markdown, string expected)
    {
        var error = Assert.Throws<GuideRenderException>(() => Renderer.Render(GuideLanguage.French, markdown, "Content/fr/s.md"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_RefusesALanguageMissingASection()
    {
        var french = new Dictionary<string, string> { ["a.md"] = "---\ntitle: A\nslug: a\norder: 1\nsummary: S\n---\nTexte.\n" };
        var catalog = new GuideCatalog(Renderer, new Dictionary<string, IReadOnlyDictionary<string, string>> { ["fr"] = french, ["en"] = new Dictionary<string, string>() });

        var error = Assert.Throws<GuideRenderException>(catalog.Warm);

        Assert.Contains("Content/en: sections differ from French", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedContent_IsInTheAssembly_InBothLanguages()
    {
        var sources = GuideCatalog.LoadEmbedded();

        Assert.Equal(6, sources["fr"].Count);
        Assert.Equal(sources["fr"].Keys.Order(), sources["en"].Keys.Order());
    }
}

using WebmailLite.Guide;

namespace WebmailLite.Tests.Guide;

/// <summary>
/// The guide's Markdown syntax as a table of examples, Markdown in, HTML out (Markdig's own spec tests are written
/// the same way), then the mistakes each extension refuses at render time.
/// </summary>
public sealed class GuideExtensionExamplesTests
{
    private static readonly GuideRenderer Renderer = new(GuideMarkdown.CreatePipeline(), new AnyAsset());

    private const string Img = "width=\"320\" height=\"200\" loading=\"lazy\" decoding=\"async\"";

    public static TheoryData<string, string, string> Examples => new()
    {
        {
            "heading: ASCII auto id",
            "## Accès refusé",
            "<h2 id=\"acces-refuse\">Accès refusé</h2>\n"
        },
        {
            "heading: explicit id, the same in every language",
            "## Access refused {#acces-refuse}",
            "<h2 id=\"acces-refuse\">Access refused</h2>\n"
        },
        {
            "figure: an image alone in its paragraph",
            "![Le champ « Code à 8 chiffres »](oubli-code.svg \"La page du code\")",
            $"<figure class=\"shot\"><img src=\"/guide/fr/oubli-code.svg\" alt=\"Le champ « Code à 8 chiffres »\" {Img}><figcaption>La page du code</figcaption></figure>\n"
        },
        {
            "steps: consecutive steps are one ordered list, each with its id and figure",
            "::: step {#un}\n**Un.**\n\n![A](oubli-code.svg \"a\")\n:::\n\n::: step\nDeux.\n\n![B](oubli-lien.svg \"b\")\n:::",
            "<ol class=\"steps\">\n<li class=\"step\" id=\"un\">\n<p><strong>Un.</strong></p>\n" +
            $"<figure class=\"shot\"><img src=\"/guide/fr/oubli-code.svg\" alt=\"A\" {Img}><figcaption>a</figcaption></figure>\n</li>\n" +
            "<li class=\"step\">\n<p>Deux.</p>\n" +
            $"<figure class=\"shot\"><img src=\"/guide/fr/oubli-lien.svg\" alt=\"B\" {Img}><figcaption>b</figcaption></figure>\n</li>\n</ol>\n"
        },
        {
            "warning: role and visible label",
            "::: warning\nNe donnez jamais votre NUMEN.\n:::",
            "<div class=\"callout warning\" role=\"note\"><p class=\"callout-label\"><strong>Attention :</strong></p>\n<p>Ne donnez jamais votre NUMEN.</p>\n</div>\n"
        },
        {
            "note: role and visible label",
            "::: note {#bon-a-savoir}\nUn courriel vous prévient.\n:::",
            "<div id=\"bon-a-savoir\" class=\"callout\" role=\"note\"><p class=\"callout-label\"><strong>À savoir :</strong></p>\n<p>Un courriel vous prévient.</p>\n</div>\n"
        },
        {
            "app link: app: dropped, route kept for the check",
            "[Mot de passe oublié](app:/mot-de-passe-oublie)",
            "<p><a href=\"/mot-de-passe-oublie\">Mot de passe oublié</a></p>\n"
        },
        {
            "guide link with an anchor",
            "[Compte inconnu](/aide/acces-refuse#compte-inconnu)",
            "<p><a href=\"/aide/acces-refuse#compte-inconnu\">Compte inconnu</a></p>\n"
        },
        {
            "raw HTML is text, never markup",
            "<script>alert(1)</script>\n\nUn <b onclick=\"x()\">gras</b>",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>Un &lt;b onclick=&quot;x()&quot;&gt;gras&lt;/b&gt;</p>\n"
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Markdown_RendersAs(string what, string markdown, string html)
    {
        var (actual, _, errors, _) = Renderer.RenderBody(GuideLanguage.French, markdown);

        Assert.True(errors.Count == 0, what + ": " + string.Join("; ", errors));
        Assert.Equal(html, actual.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void NoteLabels_AreInThePageLanguage()
    {
        var (html, _, _, _) = Renderer.RenderBody(GuideLanguage.English, "::: warning\nNever.\n:::\n\n::: note\nKnow.\n:::");

        Assert.Contains("<strong>Warning:</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Good to know:</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_AreTakenFromTheLanguageFolder()
    {
        var (html, _, errors, figures) = Renderer.RenderBody(GuideLanguage.English, "![The code page](oubli-code.svg \"Code\")");

        Assert.Empty(errors);
        Assert.Contains("src=\"/guide/en/oubli-code.svg\"", html, StringComparison.Ordinal);
        Assert.Equal(new GuideFigure("guide/en/oubli-code.svg", "The code page", "Code"), Assert.Single(figures));
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "figure without text alternative", "![](oubli-code.svg \"Légende\")", "no text alternative" },
        { "figure without caption", "![La page du code](oubli-code.svg)", "no caption" },
        { "figure that does not exist", "![Une page](n-existe-pas.svg \"Légende\")", "does not exist" },
        { "figure that is not a plain SVG name", "![Une page](../secret.svg \"Légende\")", "give the name of an SVG" },
        { "step without figure", "::: step\nFaites ceci.\n:::", "exactly one figure, this one has 0" },
        { "step with two figures", "::: step\n![A](oubli-code.svg \"a\")\n\n![B](oubli-lien.svg \"b\")\n:::", "exactly one figure, this one has 2" },
        { "image inside text", "Voyez ![ceci](oubli-code.svg \"a\") ici.", "inside text" },
        { "unknown block", "::: danger\nTexte.\n:::", "unknown block" },
        { "class on a block", "::: note {.rouge}\nTexte.\n:::", "only {#id}" },
        { "# heading", "# Titre", "page title" },
        { "skipped heading level", "## Deux\n\n#### Quatre", "no level may be skipped" },
        { "javascript: link", "[clic](javascript:alert(1))", "link « javascript:alert(1) »" },
        { "app page written as a plain link", "[oubli](/mot-de-passe-oublie)", "write app:/path" },
        { "app link that is not a path", "[x](app:mot-de-passe-oublie)", "write app:/path" },
        { "data: link", "[x](data:text/html,hello)", "link « data:" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Mistake_IsARenderError(string what, string markdown, string expected)
    {
        var (_, _, errors, _) = Renderer.RenderBody(GuideLanguage.French, markdown, "exemple.md");

        Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith("exemple.md:", StringComparison.Ordinal)),
            $"{what}: expected an error with « {expected} », got: {string.Join("; ", errors)}");
    }

    [Fact]
    public void Render_ThrowsWithEveryProblem_AndWhere()
    {
        const string markdown = "---\ntitle: T\nslug: exemple\norder: 1\nsummary: S\n---\n## Un\n\n![](oubli-code.svg)\n";

        var error = Assert.Throws<GuideRenderException>(() => Renderer.Render(GuideLanguage.French, markdown, "Content/fr/exemple.md"));

        Assert.Contains("Content/fr/exemple.md:9: figure « oubli-code.svg » has no text alternative", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no caption", error.Message, StringComparison.Ordinal);
    }
}

using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace WebmailLite.Guide;

/// <summary>Turns one Markdown section into a <see cref="GuidePage"/>, or fails with every problem it found.</summary>
public sealed class GuideRenderer(MarkdownPipeline pipeline, IGuideAssets assets)
{
    public GuidePage Render(GuideLanguage language, string markdown, string source)
    {
        var (front, body, bodyLine) = GuideFrontMatter.Split(markdown, source);
        var (html, document, errors, figures) = RenderBody(language, body, source, bodyLine);
        if (Path.GetFileNameWithoutExtension(source) is var name && name != front.Slug)
        {
            errors.Add($"{source}: slug « {front.Slug} » differs from the file name « {name} »");
        }
        if (errors.Count > 0)
        {
            throw new GuideRenderException(string.Join(Environment.NewLine, errors));
        }
        var headings = document.Descendants<HeadingBlock>().ToList();
        var contents = headings.Where(h => h.Level == 2)
            .Select(h => new GuideHeading(h.GetAttributes().Id ?? "", GuideExtension.PlainText(h.Inline)))
            .ToList();
        var ids = document.Descendants()
            .Select(o => o.TryGetAttributes()?.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var links = document.Descendants<LinkInline>().Where(l => !l.IsImage).ToList();
        return new GuidePage(
            language.Code, front.Slug, front.Title, front.Order, front.Summary, html, contents, ids,
            links.Where(GuideExtension.IsAppLink).Select(l => l.Url!).ToList(),
            links.Where(l => !GuideExtension.IsAppLink(l) && l.Url is { } u && (u.StartsWith('/') || u.StartsWith('#'))).Select(l => l.Url!).ToList(),
            figures);
    }

    /// <summary>Renders Markdown without front matter: what the extension examples test.</summary>
    public (string Html, MarkdownDocument Document, List<string> Errors, List<GuideFigure> Figures) RenderBody(GuideLanguage language, string markdown, string source = "test", int firstLine = 0)
    {
        var document = Markdig.Markdown.Parse(markdown, pipeline);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new GuideHtmlRenderer(writer, language, assets, source, firstLine);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return (writer.ToString(), document, renderer.Errors, renderer.Figures);
    }
}

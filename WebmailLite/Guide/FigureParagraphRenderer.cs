using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace WebmailLite.Guide;

/// <summary>
/// A paragraph that is only an image becomes a figure: the illustration lazily loaded, with its size (no layout shift),
/// its text alternative and its caption. A figure without either, or whose illustration does not exist, is an error.
/// </summary>
public sealed class FigureParagraphRenderer : ParagraphRenderer
{
    protected override void Write(HtmlRenderer renderer, ParagraphBlock paragraph)
    {
        if (GuideExtension.FigureImage(paragraph) is not { } image)
        {
            base.Write(renderer, paragraph);
            return;
        }
        var guide = (GuideHtmlRenderer)renderer;
        var name = image.Url ?? "";
        var alt = GuideExtension.PlainText(image);
        var caption = image.Title?.Trim() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9-]+\\.svg$"))
        {
            guide.Fail(paragraph, $"figure « {name} »: give the name of an SVG of guide/{guide.Language.Code}/ (like connexion.svg)");
        }
        var path = $"guide/{guide.Language.Code}/{name}";
        var url = guide.Assets.Url(path);
        if (url is null)
        {
            guide.Fail(paragraph, $"figure « {path} » does not exist in wwwroot-assets");
        }
        if (alt.Length == 0)
        {
            guide.Fail(paragraph, $"figure « {name} » has no text alternative: ![what the picture shows]({name} \"caption\")");
        }
        if (caption.Length == 0)
        {
            guide.Fail(paragraph, $"figure « {name} » has no caption: ![alt]({name} \"caption\")");
        }
        guide.Figures.Add(new GuideFigure(path, alt, caption));
        renderer.EnsureLine();
        renderer.Write("<figure class=\"shot\"><img src=\"").WriteEscapeUrl(url ?? path).Write("\" alt=\"").WriteEscape(alt)
            .Write($"\" width=\"{GuideIllustration.Width}\" height=\"{GuideIllustration.Height}\" loading=\"lazy\" decoding=\"async\">")
            .Write("<figcaption>").WriteEscape(caption).WriteLine("</figcaption></figure>");
    }
}

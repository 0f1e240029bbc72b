using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace WebmailLite.Guide;

/// <summary>
/// The guide's own Markdown syntax, on top of CommonMark:
/// <list type="bullet">
/// <item><c>::: step {#id}</c> … <c>:::</c> — one numbered step. Consecutive steps form one <c>&lt;ol class="steps"&gt;</c>.
/// A step holds exactly one figure.</item>
/// <item>A paragraph made only of an image, <c>![text alternative](name.svg "caption")</c> — a figure: the
/// illustration <c>guide/{lang}/name.svg</c> (it must exist), lazily loaded, with its caption. The text alternative
/// and the caption are both required.</item>
/// <item><c>::: warning</c> and <c>::: note</c> — a note with <c>role="note"</c> and a visible label
/// (« Attention : », « À savoir : »), so the meaning never rests on colour.</item>
/// <item><c>[label](app:/path)</c> — a link to a page of WebmailLite; tests check the route exists. Any other
/// link must go to the guide itself (<c>/aide…</c>, <c>#id</c>) or be <c>https:</c>.</item>
/// </list>
/// Anything else that the guide cannot render safely (an unknown container, an inline image, a <c>#</c> heading,
/// a <c>javascript:</c> link) is an error at render time, collected by <see cref="GuideHtmlRenderer"/>.
/// </summary>
public sealed class GuideExtension : IMarkdownExtension
{
    /// <summary>Key of the data set on links written with <c>app:</c>.</summary>
    public static readonly object AppLinkKey = new();

    public const string AppScheme = "app:";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= MarkAppLinks;
        pipeline.DocumentProcessed += MarkAppLinks;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html)
        {
            return;
        }
        html.ObjectRenderers.RemoveAll(r => r is HtmlCustomContainerRenderer or GuideContainerRenderer);
        html.ObjectRenderers.Insert(0, new GuideContainerRenderer());
        html.ObjectRenderers.RemoveAll(r => r is ParagraphRenderer);
        html.ObjectRenderers.Insert(0, new FigureParagraphRenderer());
        html.ObjectRenderers.RemoveAll(r => r is LinkInlineRenderer);
        html.ObjectRenderers.Insert(0, new GuideLinkRenderer());
        html.ObjectRenderers.RemoveAll(r => r is HeadingRenderer);
        html.ObjectRenderers.Insert(0, new GuideHeadingRenderer());
    }

    // app:/path becomes /path, remembered as an app link so that tests can check every one against the app's routes.
    private static void MarkAppLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!link.IsImage && link.Url is { } url && url.StartsWith(AppScheme, StringComparison.Ordinal))
            {
                link.Url = url[AppScheme.Length..];
                link.SetData(AppLinkKey, link.Url);
            }
        }
    }

    public static bool IsAppLink(LinkInline link) => link.GetData(AppLinkKey) is string;

    /// <summary>The paragraph is one image and nothing else (surrounding spaces aside): a figure.</summary>
    public static LinkInline? FigureImage(ParagraphBlock paragraph)
    {
        LinkInline? image = null;
        for (var inline = paragraph.Inline?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline { IsImage: true } found when image is null:
                    image = found;
                    break;
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                    break;
                default:
                    return null;
            }
        }
        return image;
    }

    /// <summary>The plain text of inlines (an image's text alternative, a heading for the table of contents).</summary>
    public static string PlainText(ContainerInline? container)
    {
        var text = new System.Text.StringBuilder();
        foreach (var inline in container?.Descendants<Inline>() ?? [])
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }
        return text.ToString().Trim();
    }
}

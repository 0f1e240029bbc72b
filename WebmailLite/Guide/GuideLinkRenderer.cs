using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace WebmailLite.Guide;

/// <summary>
/// Links: to the guide (<c>/aide…</c>, <c>#id</c>), to an app page (written <c>app:/path</c>), or <c>https:</c>.
/// Nothing else, so no <c>javascript:</c> or <c>data:</c> link can slip in; inline images are refused (an
/// illustration is a figure, with its caption).
/// </summary>
public sealed class GuideLinkRenderer : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        var guide = (GuideHtmlRenderer)renderer;
        if (link.IsImage)
        {
            guide.Fail(link, $"image « {link.Url} » inside text: put it alone in its paragraph to make it a figure");
            return;
        }
        var url = link.Url ?? "";
        var allowed = GuideExtension.IsAppLink(link)
            ? url.StartsWith('/')
            : url.StartsWith("/aide", StringComparison.Ordinal) || url.StartsWith('#') || url.StartsWith("https://", StringComparison.Ordinal);
        if (!allowed)
        {
            guide.Fail(link, $"link « {link.Url} »: write app:/path for a page of WebmailLite, /aide… or #id for the guide, or an https: address");
        }
        base.Write(renderer, link);
    }
}

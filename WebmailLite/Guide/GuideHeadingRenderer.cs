using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace WebmailLite.Guide;

/// <summary>
/// The page's title is its one <c>h1</c> (from the front matter); content headings start at <c>##</c> and go down
/// one level at a time, so a screen reader's list of headings is the outline of the section.
/// </summary>
public sealed class GuideHeadingRenderer : HeadingRenderer
{
    private int _previousLevel = 1;

    protected override void Write(HtmlRenderer renderer, HeadingBlock heading)
    {
        var guide = (GuideHtmlRenderer)renderer;
        if (heading.Level == 1)
        {
            guide.Fail(heading, "« # » is the page title, given by the front matter: start at « ## »");
        }
        else if (heading.Level > _previousLevel + 1)
        {
            guide.Fail(heading, $"heading level {heading.Level} after level {_previousLevel}: no level may be skipped");
        }
        _previousLevel = heading.Level;
        base.Write(renderer, heading);
    }
}

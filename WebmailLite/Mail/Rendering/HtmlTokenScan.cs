using System.Text;
using MimeKit.Text;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// Linear passes over HTML with MimeKit's tokenizer, which builds no tree. Used where building a DOM would be too
/// costly: the HTML tree builder checks scopes by walking the stack of open elements, so deeply nested input costs
/// quadratic time (100 000 nested <c>&lt;div&gt;</c>, half a megabyte, take minutes), and sanitizing a quarter of a
/// million <c>&lt;p&gt;</c> (one megabyte) took over two minutes: cheap ways for one message to tie up the server on
/// every view.
/// </summary>
internal static class HtmlTokenScan
{
    // Elements that close themselves when a sibling starts (<p><p>, <li><li>, <td><td>): counting them as nesting
    // would make ordinary, sloppily closed mail look deep.
    private static readonly HashSet<HtmlTagId> ImplicitlyClosed =
    [
        HtmlTagId.P, HtmlTagId.LI, HtmlTagId.DT, HtmlTagId.DD, HtmlTagId.TR, HtmlTagId.TD, HtmlTagId.TH,
        HtmlTagId.Option, HtmlTagId.OptGroup, HtmlTagId.RP, HtmlTagId.RT, HtmlTagId.TBody, HtmlTagId.THead,
        HtmlTagId.Tfoot, HtmlTagId.ColGroup, HtmlTagId.Caption,
    ];

    private static readonly HashSet<HtmlTagId> Invisible =
    [
        HtmlTagId.Head, HtmlTagId.Title, HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.NoScript, HtmlTagId.Object,
        HtmlTagId.Applet, HtmlTagId.Embed, HtmlTagId.IFrame, HtmlTagId.Audio, HtmlTagId.Video, HtmlTagId.Select,
        HtmlTagId.NoFrames, HtmlTagId.NoEmbed, HtmlTagId.FrameSet, HtmlTagId.Xml,
    ];

    private static readonly HashSet<HtmlTagId> LineBreaking =
    [
        HtmlTagId.Br, HtmlTagId.P, HtmlTagId.Div, HtmlTagId.TR, HtmlTagId.LI, HtmlTagId.Table, HtmlTagId.BlockQuote,
        HtmlTagId.HR, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.DL, HtmlTagId.DT, HtmlTagId.DD, HtmlTagId.Pre,
        HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Section,
        HtmlTagId.Article, HtmlTagId.Header, HtmlTagId.Footer, HtmlTagId.Address, HtmlTagId.Center,
        HtmlTagId.Figure, HtmlTagId.FigCaption, HtmlTagId.Main, HtmlTagId.Nav, HtmlTagId.Aside, HtmlTagId.Details,
        HtmlTagId.Summary, HtmlTagId.Caption, HtmlTagId.FieldSet,
    ];

    /// <summary>
    /// Whether building and sanitizing the tree of <paramref name="html"/> stays cheap: at most
    /// <paramref name="maxElements"/> elements, nested at most <paramref name="maxDepth"/> deep. Sanitizing costs
    /// tens of microseconds per element (and more than linear beyond a few ten thousand); the tree builder costs
    /// time proportional to depth for every block it opens. Depth follows start and end tags the way the tree
    /// builder broadly does: an end tag closes up to the matching open element and a stray one is ignored, so
    /// « &lt;div&gt;&lt;/x&gt; » repeated cannot hide its depth. Stops at the first limit passed, which also bounds
    /// the work per end tag.
    /// </summary>
    public static bool IsWithinBudget(string html, int maxDepth, int maxElements)
    {
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var open = new List<string>();
        var elements = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is not HtmlTagToken tag)
            {
                continue;
            }

            if (!tag.IsEndTag && ++elements > maxElements)
            {
                return false;
            }

            if (tag.Id.IsEmptyElement() || ImplicitlyClosed.Contains(tag.Id))
            {
                continue;
            }

            var name = tag.Name.ToLowerInvariant();
            if (tag.IsEndTag)
            {
                var index = open.LastIndexOf(name);
                if (index >= 0)
                {
                    open.RemoveRange(index, open.Count - index);
                }
            }
            else if (!tag.IsEmptyElement || !(open.Contains("svg") || open.Contains("math")))
            {
                // « <div/> » and « <x/> » still open an element in HTML; only inside SVG and MathML does « /> »
                // close it.
                open.Add(name);
                if (open.Count > maxDepth)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The readable text of <paramref name="html"/>: text content with line breaks for blocks, image
    /// descriptions, and link addresses after their text. Used when the HTML is too big or too deep to sanitize.
    /// </summary>
    public static string ToText(string html)
    {
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var text = new StringBuilder();
        var hidden = 0;
        var preformatted = 0;
        string? linkHref = null;
        var linkTextStart = 0;

        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Invisible.Contains(tag.Id):
                    hidden = tag.IsEndTag ? Math.Max(0, hidden - 1) : tag.IsEmptyElement ? hidden : hidden + 1;
                    break;
                case HtmlTagToken when hidden > 0:
                    break;
                case HtmlTagToken { Id: HtmlTagId.Pre } tag:
                    preformatted = tag.IsEndTag ? Math.Max(0, preformatted - 1) : preformatted + 1;
                    text.Append('\n');
                    break;
                case HtmlTagToken { Id: HtmlTagId.Image, IsEndTag: false } image:
                    var alt = image.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Alt)?.Value;
                    if (!string.IsNullOrWhiteSpace(alt))
                    {
                        text.Append('[').Append(alt.Trim()).Append(']');
                    }

                    break;
                case HtmlTagToken { Id: HtmlTagId.A } link:
                    if (!link.IsEndTag)
                    {
                        linkHref = link.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value?.Trim();
                        linkTextStart = text.Length;
                    }
                    else if (linkHref is not null)
                    {
                        AppendLinkAddress(text, linkHref, linkTextStart);
                        linkHref = null;
                    }

                    break;
                case HtmlTagToken tag when LineBreaking.Contains(tag.Id):
                    text.Append('\n');
                    break;
                case HtmlTagToken { Id: HtmlTagId.TD or HtmlTagId.TH, IsEndTag: true }:
                    text.Append(' ');
                    break;
                case HtmlDataToken data when hidden == 0 && token.Kind == HtmlTokenKind.Data:
                    AppendData(text, data.Data, preformatted > 0);
                    break;
            }
        }

        return Tidy(text.ToString());
    }

    private static void AppendLinkAddress(StringBuilder text, string href, int linkTextStart)
    {
        // Only addresses a person can use; the link text alone could hide where a link really goes.
        var isUsable = href.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
        var linkText = text.ToString(linkTextStart, text.Length - linkTextStart).Trim();
        if (isUsable && !string.Equals(linkText, href, StringComparison.OrdinalIgnoreCase))
        {
            text.Append(" <").Append(href).Append('>');
        }
    }

    private static void AppendData(StringBuilder text, string data, bool preformatted)
    {
        if (preformatted)
        {
            text.Append(data);
            return;
        }

        // Outside <pre>, HTML collapses every run of white space (line breaks included) to one space.
        var lastWasSpace = text.Length == 0 || char.IsWhiteSpace(text[^1]);
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    text.Append(' ');
                    lastWasSpace = true;
                }
            }
            else
            {
                text.Append(c);
                lastWasSpace = false;
            }
        }
    }

    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd(' ', '\t', '\r', '\u00A0'));
        var tidy = new StringBuilder();
        var blankRun = 0;
        foreach (var line in lines)
        {
            blankRun = line.Length == 0 ? blankRun + 1 : 0;
            if (blankRun <= 1)
            {
                tidy.Append(line).Append('\n');
            }
        }

        return tidy.ToString().Trim('\n');
    }
}

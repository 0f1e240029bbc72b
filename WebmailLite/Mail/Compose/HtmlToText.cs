using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// The readable text of an HTML-only message, to quote it in a plain-text reply: block elements and &lt;br&gt; become
/// line breaks, scripts and styles are dropped, links keep their address after the text.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "ul", "ol", "li", "table", "tr",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd", "address", "figure", "caption",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template", "noscript" };

    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document.DocumentElement, text);
        // No more than one blank line in a row, no trailing spaces.
        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                result.Append(line).Append('\n');
            }
        }
        return result.ToString().Trim('\n');
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    // HTML collapses whitespace; so do we.
                    var collapsed = System.Text.RegularExpressions.Regex.Replace(t.Data, @"\s+", " ");
                    if (text.Length == 0 || text[^1] == '\n')
                    {
                        collapsed = collapsed.TrimStart();
                    }
                    text.Append(collapsed);
                    break;
                case IElement e when Skipped.Contains(e.LocalName):
                    break;
                case IElement e when e.LocalName == "br":
                    text.Append('\n');
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block && text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }
                    if (e.LocalName == "li")
                    {
                        text.Append("- ");
                    }
                    Walk(e, text);
                    if (e.LocalName == "a" && e.GetAttribute("href") is { } href
                        && (href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
                        && !e.TextContent.Contains(href, StringComparison.Ordinal))
                    {
                        text.Append(" <").Append(href).Append('>');
                    }
                    if (e.LocalName is "td" or "th")
                    {
                        text.Append('\t');
                    }
                    if (block)
                    {
                        text.Append(e.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table" or "blockquote" ? "\n\n" : "\n");
                    }
                    break;
            }
        }
    }
}

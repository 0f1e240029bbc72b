using System.Text;
using MimeKit.Text;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// The readable text of HTML mail: what the message page shows when the HTML is too costly to sanitize, and what a
/// reply or a forward quotes. Blocks and &lt;br&gt; become line breaks (an empty line after paragraphs, headings,
/// tables and quotations), list items start with « - », table cells end with a tab, images give their description,
/// links their web address after their text unless the text already shows it; white space collapses as a browser
/// collapses it, except in &lt;pre&gt;; scripts, styles and embedded content are dropped.
/// It reads MimeKit's tokens and keeps only a stack of open element names, applying the standard's tree-building
/// rules where they change the text (a block closes an open &lt;p&gt;, an &lt;li&gt; the previous one, a cell the
/// previous cell). No tree, no recursion, and no step walks down the stack, so any nesting costs what as many
/// siblings cost: the work is linear in the size of the HTML. <see cref="Convert"/> with a budget also stops where
/// that budget is passed, at the very tag where sanitizing would be refused (<see cref="HtmlBudgetMeter"/>).
/// </summary>
internal sealed class HtmlToText
{
    private const int LinkTextSearched = 1_000;

    private readonly StringBuilder _text = new();
    private readonly List<HtmlOpenElement> _open = [];

    // Where each name is open, innermost last, and where the special elements are: « is a p in scope? » and « the
    // nearest li » are then a look at the end of a list, never a walk down the stack.
    private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);
    private readonly List<int> _special = [];

    // Special elements other than address, div and p: the search for an open li, dd or dt stops at the first one.
    private readonly List<int> _listItemBarriers = [];

    private int _hidden;
    private int _preformatted;
    private bool _quirks = true;
    private bool _started;
    private bool _dropNextNewline;

    // The text node being written. White space collapses within one text node, and a node that starts a line loses
    // its leading space; two nodes side by side (« a <b> b</b> ») keep a space each, as a tree walk would.
    private bool _inTextNode;
    private bool _nodeStartsLine;
    private bool _nodeHasText;
    private bool _nodeInSpace;

    private HtmlToText()
    {
    }

    /// <summary>
    /// The text of <paramref name="html"/>; with <paramref name="cutAt"/>, only up to where the HTML passes that
    /// budget (then <see cref="HtmlText.IsCut"/>).
    /// </summary>
    public static HtmlText Convert(string html, HtmlBudget? cutAt = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var converter = new HtmlToText();
        var isCut = converter.Read(html, cutAt);
        converter.PopTo(0);
        return new HtmlText(converter.Tidy(), isCut);
    }

    private bool Read(string html, HtmlBudget? cutAt)
    {
        var isCut = false;
        if (cutAt is not null && html.Length > cutAt.MaxLength)
        {
            // Stop before the tag the limit falls in, so that half a tag is not read as text.
            var end = html.LastIndexOf('<', cutAt.MaxLength);
            html = html[..(end > 0 ? end : cutAt.MaxLength)];
            isCut = true;
        }

        var meter = cutAt is null ? null : new HtmlBudgetMeter(cutAt);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            // The parser drops a line feed right after <pre>, <listing> and <textarea>, and only there.
            var afterPre = _dropNextNewline;
            _dropNextNewline = false;
            switch (token)
            {
                case HtmlTagToken tag when meter is not null && !meter.Admit(tag):
                    return true;
                case HtmlTagToken { IsEndTag: true } tag:
                    _started = true;
                    OnEndTag(NameOf(tag));
                    break;
                case HtmlTagToken tag:
                    _started = true;
                    OnStartTag(tag);
                    break;
                case HtmlDataToken data when token.Kind == HtmlTokenKind.Data:
                    OnText(data.Data, afterPre);
                    break;
                case HtmlCommentToken:
                    // A comment is a node: the text on either side of it is two text nodes.
                    _inTextNode = false;
                    break;
                case HtmlDocTypeToken doctype when !_started:
                    _quirks = IsQuirksMode(doctype);
                    break;
            }
        }

        return isCut;
    }

    private void OnStartTag(HtmlTagToken tag)
    {
        var name = NameOf(tag);
        switch (name)
        {
            case "html" or "head" or "body":
                // Everything is read as the body's content, which ends with the input (an early </body> does not end it).
                return;
            case "image":
                name = "img";
                break;
            case "caption" or "col" or "colgroup" or "tbody" or "td" or "tfoot" or "th" or "thead" or "tr" when TopIndex("table") < 0:
                // Table parts outside a table are ignored by the parser.
                return;
            case "li":
                CloseListItem(static open => open == "li");
                break;
            case "dd" or "dt":
                CloseListItem(static open => open is "dd" or "dt");
                break;
            case "td" or "th":
                CloseCell();
                break;
            case "tr":
                CloseCell();
                CloseInTable("tr");
                break;
            case "tbody" or "thead" or "tfoot":
                CloseCell();
                CloseInTable("tr");
                CloseInTable("tbody");
                CloseInTable("thead");
                CloseInTable("tfoot");
                break;
            case "a":
                // A link inside a link ends the first one.
                EndFormatting("a");
                break;
            case "button" when InScope("button", HtmlElements.ScopeMarkers):
                PopTo(TopIndex("button"));
                break;
        }

        // In quirks mode (no doctype, as most mail) a table may sit inside a paragraph.
        if (HtmlElements.ClosingParagraph.Contains(name) || (name == "table" && !_quirks))
        {
            CloseParagraph();
        }

        if (HtmlElements.Headings.Contains(name) && _open.Count > 0 && HtmlElements.Headings.Contains(_open[^1].Name))
        {
            Pop();
        }

        if (HtmlElements.Void.Contains(name) || (tag.IsEmptyElement && (TopIndex("svg") >= 0 || TopIndex("math") >= 0)))
        {
            // Only inside SVG and MathML does « /> » close an element; « <div/> » opens one like « <div> ».
            InsertEmpty(name, tag);
            return;
        }

        Push(name, name == "a" ? tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value?.Trim() : null);
        _dropNextNewline = name is "pre" or "listing" or "textarea";
    }

    private void OnEndTag(string name)
    {
        switch (name)
        {
            case "html" or "head" or "body":
                return;
            case "br":
                // « </br> » is read as « <br> ».
                InsertEmpty("br", null);
                return;
            case "p":
                if (InScope("p", HtmlElements.ButtonScopeMarkers))
                {
                    PopTo(TopIndex("p"));
                }
                else
                {
                    // A stray </p> is an empty paragraph.
                    Push("p", href: null);
                    Pop();
                }

                return;
            case "li":
                if (InScope("li", HtmlElements.ListItemScopeMarkers))
                {
                    PopTo(TopIndex("li"));
                }

                return;
            case "table" or "caption" or "tbody" or "thead" or "tfoot" or "tr" or "td" or "th":
                var part = TopIndex(name);
                if (part >= 0 && part > HighestOf(HtmlElements.TableScopeMarkers, except: name))
                {
                    PopTo(part);
                }

                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                // Any heading end tag closes the open heading, whatever its level.
                var heading = HighestOf(HtmlElements.Headings, except: null);
                if (heading >= 0 && heading > HighestOf(HtmlElements.ScopeMarkers, except: null))
                {
                    PopTo(heading);
                }

                return;
        }

        if (HtmlElements.Formatting.Contains(name) && EndFormatting(name))
        {
            return;
        }

        if (HtmlElements.Special.Contains(name))
        {
            if (InScope(name, HtmlElements.ScopeMarkers))
            {
                PopTo(TopIndex(name));
            }

            return;
        }

        // Any other end tag closes the element if no special element (a block, a cell…) was opened inside it since.
        var index = TopIndex(name);
        if (index >= 0 && (_special.Count == 0 || _special[^1] < index))
        {
            PopTo(index);
        }
    }

    private void OnText(string data, bool afterPre)
    {
        if (_hidden > 0)
        {
            return;
        }

        if (_preformatted > 0)
        {
            var start = afterPre && data.StartsWith('\n') ? 1 : afterPre && data.StartsWith("\r\n", StringComparison.Ordinal) ? 2 : 0;
            _text.Append(data.AsSpan(start).ToString().ReplaceLineEndings("\n").Replace("\0", "", StringComparison.Ordinal));
            _inTextNode = false;
            return;
        }

        if (!_inTextNode)
        {
            _inTextNode = true;
            _nodeStartsLine = _text.Length == 0 || _text[^1] == '\n';
            _nodeHasText = false;
            _nodeInSpace = false;
        }

        foreach (var c in data)
        {
            if (c == '\0')
            {
                // The parser drops NUL characters from text.
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                _text.Append(c);
                _nodeHasText = true;
                _nodeInSpace = false;
            }
            else if (!_nodeInSpace)
            {
                _nodeInSpace = true;
                if (_nodeHasText || !_nodeStartsLine)
                {
                    _text.Append(' ');
                    _nodeHasText = true;
                }
            }
        }
    }

    private void InsertEmpty(string name, HtmlTagToken? tag)
    {
        _inTextNode = false;
        if (_hidden > 0)
        {
            return;
        }

        switch (name)
        {
            case "br":
                _text.Append('\n');
                break;
            case "img" when tag?.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Alt)?.Value is { } alt && !string.IsNullOrWhiteSpace(alt):
                _text.Append('[').Append(alt.Trim()).Append(']');
                break;
            case "hr":
                StartBlock(name);
                EndBlock(name);
                break;
        }
    }

    private void Push(string name, string? href)
    {
        var index = _open.Count;
        var isRead = _hidden == 0;
        if (isRead)
        {
            StartBlock(name);
            if (name is "pre" or "listing")
            {
                _preformatted++;
            }
        }

        var element = new HtmlOpenElement(name, HtmlElements.Hidden.Contains(name), isRead, _text.Length, isRead ? href : null);
        _open.Add(element);
        PositionsOf(name).Add(index);
        if (HtmlElements.Special.Contains(name))
        {
            _special.Add(index);
            if (name is not ("address" or "div" or "p"))
            {
                _listItemBarriers.Add(index);
            }
        }

        if (element.IsHidden)
        {
            _hidden++;
        }

        _inTextNode = false;
    }

    private void Pop()
    {
        var index = _open.Count - 1;
        var element = _open[index];
        _open.RemoveAt(index);
        if (element.Name.Length > 0)
        {
            var positions = PositionsOf(element.Name);
            positions.RemoveAt(positions.Count - 1);
        }

        if (_special.Count > 0 && _special[^1] == index)
        {
            _special.RemoveAt(_special.Count - 1);
        }

        if (_listItemBarriers.Count > 0 && _listItemBarriers[^1] == index)
        {
            _listItemBarriers.RemoveAt(_listItemBarriers.Count - 1);
        }

        if (element.IsHidden)
        {
            _hidden--;
        }

        _inTextNode = false;
        if (!element.IsRead)
        {
            return;
        }


        AppendLinkAddress(element);
        if (element.Name is "td" or "th")
        {
            _text.Append('\t');
        }

        if (element.Name is "pre" or "listing")
        {
            _preformatted--;
        }

        EndBlock(element.Name);
    }

    private void PopTo(int index)
    {
        while (_open.Count > index)
        {
            Pop();
        }
    }

    /// <summary>
    /// Closes the formatting element <paramref name="name"/> (a link, bold…) if one is open in the current cell: with
    /// whatever was opened inside it, or, when a block was opened inside it, alone (the block stays open, as the
    /// parser's adoption agency leaves it). False when none is open. A link the parser would copy into each block
    /// it was left open across gives its address once, after its text: the same text, without the repetitions
    /// (which could also make the text far longer than the HTML).
    /// </summary>
    private bool EndFormatting(string name)
    {
        var index = TopIndex(name);
        if (index < 0 || index < HighestOf(HtmlElements.FormattingMarkers, except: null))
        {
            return false;
        }

        if (_special.Count == 0 || _special[^1] < index)
        {
            PopTo(index);
        }
        else
        {
            var element = _open[index];
            AppendLinkAddress(element);
            var positions = PositionsOf(name);
            positions.RemoveAt(positions.Count - 1);
            _open[index] = element with { Name = "", Href = null };
            _inTextNode = false;
        }

        return true;
    }

    private void CloseParagraph()
    {
        if (InScope("p", HtmlElements.ButtonScopeMarkers))
        {
            PopTo(TopIndex("p"));
        }
    }

    private void CloseListItem(Func<string, bool> isItem)
    {
        if (_listItemBarriers.Count > 0 && isItem(_open[_listItemBarriers[^1]].Name))
        {
            PopTo(_listItemBarriers[^1]);
        }
    }

    private void CloseCell()
    {
        var cell = Math.Max(TopIndex("td"), TopIndex("th"));
        if (cell >= 0 && cell > HighestOf(HtmlElements.TableScopeMarkers, except: null))
        {
            PopTo(cell);
        }
    }

    private void CloseInTable(string name)
    {
        var index = TopIndex(name);
        if (index >= 0 && index > HighestOf(HtmlElements.TableScopeMarkers, except: null))
        {
            PopTo(index);
        }
    }

    private void StartBlock(string name)
    {
        if (!HtmlElements.Blocks.Contains(name))
        {
            return;
        }

        if (_text.Length > 0 && _text[^1] != '\n')
        {
            _text.Append('\n');
        }

        if (name == "li")
        {
            _text.Append("- ");
        }
    }

    private void EndBlock(string name)
    {
        if (HtmlElements.Blocks.Contains(name))
        {
            _text.Append(HtmlElements.Paragraphs.Contains(name) ? "\n\n" : "\n");
        }
    }

    private void AppendLinkAddress(HtmlOpenElement link)
    {
        // Only web addresses, and only when the text does not already show it: « Cliquez ici <https://…> ».
        if (!link.IsRead || link.Href is not { } href
            || !(href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        // Only the beginning of the text is searched: links can nest (one per table cell), and reading the whole
        // text of each would cost the square of their number. A text that shows its address shows it there; past
        // that length a link wraps a whole block.
        var scanned = Math.Min(_text.Length - link.LinkTextStart, href.Length + LinkTextSearched);
        if (!_text.ToString(link.LinkTextStart, scanned).Contains(href, StringComparison.Ordinal))
        {
            _text.Append(" <").Append(href).Append('>');
        }
    }

    private bool InScope(string name, string[] markers)
    {
        var index = TopIndex(name);
        return index >= 0 && index > HighestOf(markers, except: name);
    }

    private int HighestOf(IEnumerable<string> names, string? except)
    {
        var highest = -1;
        foreach (var name in names)
        {
            if (name != except)
            {
                highest = Math.Max(highest, TopIndex(name));
            }
        }

        return highest;
    }

    private int TopIndex(string name) =>
        _positions.TryGetValue(name, out var positions) && positions.Count > 0 ? positions[^1] : -1;

    private List<int> PositionsOf(string name)
    {
        if (!_positions.TryGetValue(name, out var positions))
        {
            positions = [];
            _positions[name] = positions;
        }

        return positions;
    }

    /// <summary>No more than one empty line in a row, no spaces at the end of a line, none at either end.</summary>
    private string Tidy()
    {
        var tidy = new StringBuilder(_text.Length);
        var blankRun = 0;
        foreach (var line in _text.ToString().Split('\n'))
        {
            var trimmed = line.TrimEnd();
            blankRun = trimmed.Length == 0 ? blankRun + 1 : 0;
            if (blankRun <= 1)
            {
                tidy.Append(trimmed).Append('\n');
            }
        }

        return tidy.ToString().Trim('\n');
    }

    private static string NameOf(HtmlTagToken tag) => tag.Name.ToLowerInvariant();

    /// <summary>
    /// Whether the document is in quirks mode, where a table may sit inside a paragraph: no doctype (most mail), or an
    /// old one. &lt;!DOCTYPE html&gt;, HTML 4.01 Strict and XHTML are standards mode, and so, for what matters here,
    /// are HTML 4.01 Transitional and Frameset with a system identifier (limited quirks).
    /// </summary>
    private static bool IsQuirksMode(HtmlDocTypeToken doctype)
    {
        if (doctype.ForceQuirksMode || !string.Equals(doctype.Name, "html", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var publicId = doctype.PublicIdentifier;
        if (string.IsNullOrEmpty(publicId) || publicId.StartsWith("-//W3C//DTD XHTML", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (publicId.StartsWith("-//W3C//DTD HTML 4.01//", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !(publicId.StartsWith("-//W3C//DTD HTML 4.01 ", StringComparison.OrdinalIgnoreCase) && doctype.SystemIdentifier is not null);
    }
}

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// The kinds of HTML elements <see cref="HtmlToText"/> needs, by lower-case name. The tree-building kinds (void,
/// special, formatting, scope markers) are those of the HTML standard's parsing section, so that text comes out in the
/// order and with the line breaks a browser's tree would give.
/// </summary>
internal static class HtmlElements
{
    /// <summary>Elements that never have content: they open and close at once.</summary>
    public static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    };

    /// <summary>
    /// Elements whose content is not read: code (script, style), metadata (title), raw markup the parser keeps as text
    /// (iframe, noembed, noframes, noscript), embedded players and their fallbacks, the options of a list.
    /// </summary>
    public static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "script", "style", "title", "template", "noscript", "object", "applet", "iframe", "audio", "video", "select",
        "noframes", "noembed", "frameset", "xml",
    };

    /// <summary>Blocks: they start on a new line and end with a line break.</summary>
    public static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "ul", "ol", "li", "table", "tr",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd", "address", "figure", "caption", "center",
        "figcaption", "main", "nav", "aside", "details", "summary", "fieldset",
    };

    /// <summary>Blocks followed by an empty line, as a browser leaves a margin after them.</summary>
    public static readonly HashSet<string> Paragraphs = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
    };

    public static readonly HashSet<string> Headings = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6" };

    /// <summary>Start tags that close an open paragraph (a &lt;p&gt; cannot hold them).</summary>
    public static readonly HashSet<string> ClosingParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "plaintext", "hr", "xmp", "li",
        "dd", "dt",
    };

    /// <summary>The standard's « special » elements: a stray end tag of an inline element does not close past them.</summary>
    public static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
        "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
        "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param",
        "plaintext", "pre", "script", "search", "section", "select", "source", "style", "summary", "table", "tbody",
        "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
    };

    /// <summary>Formatting elements: closed out of order, they end where their end tag is, not where blocks are.</summary>
    public static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    /// <summary>What bounds the standard's « in scope »: an element outside a table cell is not in scope inside it.</summary>
    public static readonly string[] ScopeMarkers = ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"];

    public static readonly string[] ButtonScopeMarkers = [.. ScopeMarkers, "button"];

    public static readonly string[] ListItemScopeMarkers = [.. ScopeMarkers, "ol", "ul"];

    public static readonly string[] TableScopeMarkers = ["html", "table", "template"];

    /// <summary>Where a formatting element opened outside stops counting as open (a link outside a cell, inside it).</summary>
    public static readonly string[] FormattingMarkers = ["applet", "caption", "td", "th", "marquee", "object", "template"];
}

using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using Ganss.Xss;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// HtmlSanitizer, from its safe defaults, tightened for mail shown inside our page, then a pass of our own over the
/// sanitized tree for what depends on the message (its <c>cid:</c> images, whether remote images are allowed).
/// Build once: the configuration is never changed after the constructor, and the per-message state lives in
/// <see cref="Sanitize"/>'s locals, so one instance serves every request concurrently.
/// </summary>
internal sealed partial class MailHtmlSanitizer
{
    private const string LinkRel = "noopener noreferrer nofollow";

    // What the URL standard strips from both ends of a URL before parsing it.
    private static readonly char[] ControlsAndSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    // Removed together with everything inside them. Their content is either code (script, style), raw markup the
    // parser keeps as text (noscript, iframe, noembed), metadata (head, title), or foreign content we do not render
    // (svg, math, object). With KeepChildNodes on, the sanitizer would otherwise show it to the reader as text.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "head", "title", "iframe", "frame", "frameset", "noframes",
        "noembed", "object", "embed", "applet", "param", "svg", "math", "audio", "video", "source", "track",
        "link", "meta", "base", "select", "datalist",
    };

    // Allowed by HtmlSanitizer's defaults, unwanted in a mail shown inside our page.
    private static readonly string[] RemovedTags =
    [
        // No forms: a mail must not be able to post anything from our origin, nor imitate our own forms.
        "form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "keygen", "output",
        "label", "fieldset", "legend",
        // Image maps carry links (<area href>) our link rules would not see.
        "map", "area",
        // menu/menuitem built context menus in some browsers; html, head and body belong to our page only.
        "menu", "menuitem", "html", "head", "body",
    ];

    private static readonly string[] RemovedAttributes =
    [
        // Our CSP forbids inline style, and the page's own CSS decides presentation (text first, readable contrast).
        "style", "color", "bgcolor", "background",
        // The page's CSS and anchors must not be matched or shadowed by the mail's; name and id also clobber DOM
        // globals (document.forms…) that our few lines of script and htmx may read.
        "class", "id", "name",
        // We set rel ourselves; target would open windows we do not control.
        "rel", "rev", "target",
        // Keyboard and focus belong to the page: a mail must not steal shortcuts or reorder the tab sequence.
        "accesskey", "tabindex", "contenteditable", "draggable", "dropzone", "autosave", "spellcheck",
        // URLs we do not follow: loaded images other than src, descriptions, image maps.
        "srcset", "lowsrc", "dynsrc", "longdesc", "cite", "usemap", "action",
        // Form leftovers with nothing to apply to once the form tags are gone.
        "for", "form", "accept", "accept-charset", "autocomplete", "checked", "disabled", "enctype", "list",
        "maxlength", "method", "multiple", "novalidate", "pattern", "placeholder", "readonly", "required",
        "selected", "step", "value", "wrap", "challenge", "keytype",
    ];

    private readonly HtmlSanitizer _sanitizer;

    public MailHtmlSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in RemovedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // role and aria-* are not in the defaults and must stay out: they would let a mail hide text from screen
        // readers, or give a link a spoken name other than the text sighted readers see.
        foreach (var attribute in RemovedAttributes)
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }

        // The defaults allow http and https. mailto links are useful; cid: must survive so that our own pass can
        // map it to the part's URL (or drop it). Anything else (javascript:, data:, vbscript:, file:) is removed.
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("cid");

        // Keep the text of elements we remove (<font>, <center>, Outlook's <o:p>…): the words are the message.
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += DropWithContent;
        _sanitizer = sanitizer;
    }

    /// <summary>
    /// Sanitizes <paramref name="html"/> (a whole document or a fragment). <paramref name="resolveCid"/> maps a
    /// Content-ID to the URL of a part we may show inline, or returns <c>null</c>.
    /// </summary>
    public SanitizedHtml Sanitize(string html, bool allowRemoteContent, Func<string, string?> resolveCid)
    {
        using var document = _sanitizer.SanitizeDom(html);
        if (document.Body is not { } body)
        {
            return new SanitizedHtml("", false);
        }

        var blocked = false;
        foreach (var image in body.QuerySelectorAll("img").ToList())
        {
            blocked |= RewriteImage(image, allowRemoteContent, resolveCid);
        }

        foreach (var link in body.QuerySelectorAll("a").ToList())
        {
            RewriteLink(link);
        }

        foreach (var heading in body.QuerySelectorAll("h1, h2, h3, h4, h5, h6").ToList())
        {
            DemoteHeading(heading);
        }

        foreach (var element in body.QuerySelectorAll("[lang]").ToList())
        {
            // Outlook writes lang="X-NONE"; an invalid language is an accessibility failure (WCAG 3.1.2) and
            // makes screen readers switch to a voice that does not exist.
            if (!LanguageTag().IsMatch(element.GetAttribute("lang") ?? ""))
            {
                element.RemoveAttribute("lang");
            }
        }

        MarkLayoutTables(body);

        return new SanitizedHtml(body.ChildNodes.ToHtml(_sanitizer.OutputFormatter), blocked);
    }

    private static void DropWithContent(object? sender, RemovingTagEventArgs e)
    {
        if (DroppedWithContent.Contains(e.Tag.LocalName))
        {
            e.Tag.Remove();
            e.Cancel = true;
        }
    }

    /// <summary>Returns true when a remote image was removed because remote content is not allowed.</summary>
    private static bool RewriteImage(IElement image, bool allowRemoteContent, Func<string, string?> resolveCid)
    {
        var src = UrlValue(image.GetAttribute("src"));
        if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            var url = resolveCid(Uri.UnescapeDataString(src[4..]).Trim('<', '>', ' '));
            if (url is null)
            {
                ReplaceWithDescription(image);
                return false;
            }

            image.SetAttribute("src", url);
        }
        else if (AsRemoteHttpUrl(src) is { } remote)
        {
            if (!allowRemoteContent)
            {
                // Loading it would tell the sender when, where and that the mail was read.
                ReplaceWithDescription(image);
                return true;
            }

            image.SetAttribute("src", remote);

            // The page URL names the folder and the message: do not hand it to the image's server.
            image.SetAttribute("referrerpolicy", "no-referrer");
        }
        else
        {
            // Empty, or relative: a relative URL would be fetched from our own origin, with the reader's cookies.
            ReplaceWithDescription(image);
            return false;
        }

        if (!image.HasAttribute("alt"))
        {
            // Without alt a screen reader reads the file name; an empty alt marks the image decorative.
            image.SetAttribute("alt", "");
        }

        return false;
    }

    private static void ReplaceWithDescription(IElement image)
    {
        var alt = image.GetAttribute("alt")?.Trim();
        if (string.IsNullOrEmpty(alt))
        {
            image.Remove();
        }
        else
        {
            image.Replace(image.Owner!.CreateTextNode(alt));
        }
    }

    private static void RewriteLink(IElement link)
    {
        var href = link.GetAttribute("href");
        if (href is not null)
        {
            var target = AsAllowedLinkUrl(UrlValue(href));
            if (target is null)
            {
                // A relative link would lead into our own application; javascript: and friends are already gone.
                link.RemoveAttribute("href");
            }
            else
            {
                link.SetAttribute("href", target);
            }
        }

        if (!link.HasAttribute("href"))
        {
            link.RemoveAttribute("rel");
            return;
        }

        // noopener: the opened page gets no handle on ours; noreferrer: it does not learn our URL (folder, UID);
        // nofollow: we vouch for nothing a sender links to.
        link.SetAttribute("rel", LinkRel);

        if (string.IsNullOrWhiteSpace(link.TextContent))
        {
            var images = link.QuerySelectorAll("img").ToList();
            if (images.Count == 0)
            {
                // Nothing visible left to click (its image was blocked): an invisible tab stop only confuses
                // keyboard and screen reader users.
                link.Remove();
            }
            else if (images.All(i => string.IsNullOrWhiteSpace(i.GetAttribute("alt"))))
            {
                // A link must have a name (WCAG 2.4.4): say where it goes.
                images[0].SetAttribute("alt", LinkDescription(link.GetAttribute("href")!));
            }
        }
    }

    private static string LinkDescription(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? $"Lien vers {uri.Host}"
            : "Lien";

    /// <summary>
    /// The page's only h1 is the subject, and the message sits under the page's own h2; mail headings are shifted
    /// two levels (h1 → h3, h2 → h4, h3 → h5, deeper → h6). Shifting rather than flattening them to bold text keeps
    /// what screen reader users navigate long newsletters by, and keeps their relative order.
    /// </summary>
    private static void DemoteHeading(IElement heading)
    {
        var level = heading.LocalName[1] - '0';
        var replacement = string.IsNullOrWhiteSpace(heading.TextContent)
            ? null // An empty heading is a landmark to nowhere; keep only what it holds (e.g. an image).
            : heading.Owner!.CreateElement($"h{Math.Min(level + 2, 6)}");
        if (replacement is null)
        {
            heading.Replace([.. heading.ChildNodes]);
            return;
        }

        foreach (var attribute in heading.Attributes.ToList())
        {
            replacement.SetAttribute(attribute.Name, attribute.Value);
        }

        replacement.Append([.. heading.ChildNodes]);
        heading.Replace(replacement);
    }

    /// <summary>
    /// Most HTML mail is laid out with tables. Screen readers announce each as data (« tableau, 3 colonnes… »)
    /// unless told otherwise; a table without header cells or caption is layout, so say so.
    /// </summary>
    private static void MarkLayoutTables(IElement body)
    {
        var dataTables = new HashSet<IElement>();
        foreach (var marker in body.QuerySelectorAll("th, caption"))
        {
            if (marker.Closest("table") is { } table)
            {
                dataTables.Add(table);
            }
        }

        foreach (var table in body.QuerySelectorAll("table"))
        {
            if (!dataTables.Contains(table))
            {
                table.SetAttribute("role", "presentation");
            }
        }
    }

    /// <summary>What a browser's URL parser would see: tabs and line breaks removed, outer controls and spaces trimmed.</summary>
    private static string UrlValue(string? value) =>
        value is null ? "" : UrlNoise().Replace(value, "").Trim(ControlsAndSpace);

    /// <summary>An absolute http(s) URL for a remote resource (protocol-relative made https), or null.</summary>
    private static string? AsRemoteHttpUrl(string url)
    {
        // Browsers read backslashes as slashes in http(s) URLs: « \\evil/x.png » and « /\evil » are remote too.
        var slashed = url.Replace('\\', '/');
        if (slashed.StartsWith("//", StringComparison.Ordinal))
        {
            slashed = "https:" + slashed;
        }

        return Uri.TryCreate(slashed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary>The link target when it is an absolute http, https or mailto URL; otherwise null.</summary>
    private static string? AsAllowedLinkUrl(string url)
    {
        if (AsRemoteHttpUrl(url) is { } web)
        {
            return web;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeMailto ? url : null;
    }

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"[\t\n\r]")]
    private static partial Regex UrlNoise();
}

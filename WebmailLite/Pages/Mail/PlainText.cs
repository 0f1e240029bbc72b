using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// A text/plain body as HTML for a <c>white-space: pre-wrap</c> block: each line encoded, line breaks kept as
/// they are. Razor's encoder would turn every line break into « &amp;#xA; », five bytes each on a slow line.
/// </summary>
public static class PlainText
{
    public static IHtmlContent ToHtml(string text, HtmlEncoder encoder)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return new HtmlString(string.Join('\n', lines.Select(encoder.Encode)));
    }
}

using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// Messages of about 20 MB whose every paragraph or line carries its number on six digits, so that a test can check
/// that pages of the body follow each other without gap or overlap. Shared by the tests and the benchmark.
/// </summary>
public static partial class LongMessages
{
    public const int Paragraphs = 200_000;

    private const string Sentence = "compte rendu du conseil de classe, élèves présents, décisions prises et suivi.";

    /// <summary>About 21 MB of HTML, one numbered paragraph per line, sent quoted-printable as newsletters are.</summary>
    public static MimeMessage Html(string to, int paragraphs = Paragraphs)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body>\n", paragraphs * 110);
        for (var i = 1; i <= paragraphs; i++)
        {
            html.Append("<p>Paragraphe ").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append(" : ").Append(Sentence).Append("</p>\n");
        }
        html.Append("</body></html>\n");
        return Message(to, "Lettre d'information très longue", new TextPart("html") { Text = html.ToString(), ContentTransferEncoding = ContentEncoding.QuotedPrintable });
    }

    /// <summary>About 20 MB of text, one numbered line each, sent base64.</summary>
    public static MimeMessage Text(string to, int lines = Paragraphs)
    {
        var text = new StringBuilder(lines * 100);
        for (var i = 1; i <= lines; i++)
        {
            text.Append("Ligne ").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append(" : ").Append(Sentence).Append('\n');
        }
        return Message(to, "Journal très long", new TextPart("plain") { Text = text.ToString(), ContentTransferEncoding = ContentEncoding.Base64 });
    }

    /// <summary>The numbers of the paragraphs or lines in <paramref name="text"/>, in order.</summary>
    public static List<int> Numbers(string text) =>
        [.. Numbered().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static MimeMessage Message(string to, string subject, MimeEntity body)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Lettre du rectorat", "lettre@example.org"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = body;
        return message;
    }

    [GeneratedRegex(@"(?:Paragraphe|Ligne) (\d{6}) :")]
    private static partial Regex Numbered();
}

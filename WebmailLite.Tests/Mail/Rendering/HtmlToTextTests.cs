using System.Text;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Tests.Mail.Rendering;

/// <summary>The one HTML→text converter: what mail clients send comes out as a reader expects, and no HTML costs more than its size.</summary>
public sealed class HtmlToTextTests
{
    private const int Many = 100_000;

    [Theory]
    // Outlook: paragraphs with <o:p>, &nbsp; lines, lists, a signature with <br>.
    [InlineData(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style><!-- p.MsoNormal {margin:0cm} --></style></head><body lang=FR><div class=WordSection1><p class=MsoNormal>Bonjour à tous,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Le conseil de la 4<sup>e</sup>&nbsp;B a lieu <b>mardi</b>.<o:p></o:p></p><ul><li class=MsoListParagraph>Moyennes<o:p></o:p></li><li class=MsoListParagraph>Appréciations<o:p></o:p></li></ul><p class=MsoNormal>Hélène Dubois<br>Principale adjointe<o:p></o:p></p></div></body></html>",
        "Bonjour à tous,\n\nLe conseil de la 4e B a lieu mardi.\n\n- Moyennes\n- Appréciations\n\nHélène Dubois\nPrincipale adjointe")]
    // Gmail: <div> lines, <div><br></div> blank lines, a link showing its own address, a quotation.
    [InlineData(
        "<div dir=\"ltr\">Bonjour Élodie,<div><br></div><div>Le document : <a href=\"https://docs.example.org/d/1\">https://docs.example.org/d/1</a></div></div><br><div class=\"gmail_quote\"><div dir=\"ltr\">Le lun. 11 mars, Élodie a écrit :<br></div><blockquote class=\"gmail_quote\"><div dir=\"ltr\">Tu l'as ?</div></blockquote></div>",
        "Bonjour Élodie,\n\nLe document : https://docs.example.org/d/1\n\nLe lun. 11 mars, Élodie a écrit :\n\nTu l'as ?")]
    // Thunderbird: the quoted plain text keeps its lines in <pre>.
    [InlineData(
        "<!DOCTYPE html>\n<html><body>\n<p>Bonjour,</p>\n<blockquote type=\"cite\"><pre class=\"moz-quote-pre\">\nLundi : 8h-12h\nMardi : 14h-17h\n</pre></blockquote></body></html>",
        "Bonjour,\n\nLundi : 8h-12h\nMardi : 14h-17h")]
    // Old, unclosed markup: paragraphs and list items close themselves, as in a browser.
    [InlineData(
        "<HTML><BODY><FONT face=Arial><P>Bonjour,<P>Les points :<UL><LI>premier<LI>deuxième</UL><P>Merci<BR>Jean</FONT></BODY></HTML>",
        "Bonjour,\n\nLes points :\n\n- premier\n- deuxième\n\nMerci\nJean")]
    // Tables: a tab after each cell, a line per row; images by their description; scripts and players dropped.
    [InlineData(
        "<table><tr><th>Nom<th>Classe<tr><td>Garnier<td>5e A</table><p><img src=\"cid:x\" alt=\"Photo de classe\"> <img src=\"y.png\"><script>alert(1)</script><video>Votre navigateur</video></p>",
        "Nom\tClasse\nGarnier\t5e A\n\n[Photo de classe]")]
    // Links: the web address after a text that does not show it, nothing for mail addresses.
    [InlineData(
        "<p>Voir <a href=\" https://ent.ac-test.fr/ \">l'ENT</a>, écrire à <a href=\"mailto:vie.scolaire@ac-test.fr\">la vie scolaire</a>.</p>",
        "Voir l'ENT <https://ent.ac-test.fr/>, écrire à la vie scolaire.")]
    // A block inside a paragraph closes it; a stray </p> is an empty paragraph.
    [InlineData("<p>avant<div>bloc</div>après</p>fin", "avant\n\nbloc\naprès\n\nfin")]
    public void Convert_MailAsClientsWriteIt_ReadableText(string html, string expected)
    {
        var text = HtmlToText.Convert(html, HtmlBudget.Mail);

        Assert.Equal(expected, text.Text);
        Assert.False(text.IsCut);
        Assert.Equal(text, HtmlToText.Convert(html));
    }

    [Fact]
    public void Convert_100000NestedElements_WithoutBudget_ReadsTheTextAtTheBottom()
    {
        var html = Repeat("<div>", Many) + "Texte <a href=\"https://example.org/\">profond</a>" + Repeat("</div>", Many);

        var text = HtmlToText.Convert(html);

        Assert.Equal("Texte profond <https://example.org/>", text.Text);
        Assert.False(text.IsCut);
    }

    [Fact]
    public void Convert_100000NestedElements_WithTheMailBudget_StopsAtTheDepthLimit()
    {
        var html = string.Concat(Enumerable.Range(0, Many).Select(i => $"<div>niveau {i}"));

        var text = HtmlToText.Convert(html, HtmlBudget.Mail);

        Assert.True(text.IsCut);
        var lines = text.Text.Split('\n');
        Assert.Equal(HtmlBudget.Mail.MaxNestingDepth, lines.Length);
        Assert.Equal("niveau 0", lines[0]);
        Assert.Equal($"niveau {HtmlBudget.Mail.MaxNestingDepth - 1}", lines[^1]);
        // The same place where the message page stops sanitizing.
        Assert.False(HtmlTokenScan.IsWithinBudget(html, HtmlBudget.Mail));
    }

    [Fact]
    public void Convert_100000Siblings_WithTheMailBudget_StopsAtTheElementLimit()
    {
        var html = string.Concat(Enumerable.Range(0, Many).Select(i => $"<p>ligne {i}</p>"));

        var text = HtmlToText.Convert(html, HtmlBudget.Mail);

        Assert.True(text.IsCut);
        var lines = text.Text.Split("\n\n");
        Assert.Equal(HtmlBudget.Mail.MaxElements, lines.Length);
        Assert.Equal($"ligne {HtmlBudget.Mail.MaxElements - 1}", lines[^1]);
    }

    [Fact]
    public void Convert_100000Siblings_WithoutBudget_ReadsThemAll()
    {
        var html = string.Concat(Enumerable.Range(0, Many).Select(i => $"<p>ligne {i}</p>"));

        var text = HtmlToText.Convert(html);

        Assert.False(text.IsCut);
        Assert.Equal(Enumerable.Range(0, Many).Select(i => $"ligne {i}"), text.Text.Split("\n\n"));
    }

    [Fact]
    public void Convert_LongerThanTheBudget_StopsBeforeTheTagTheLimitFallsIn()
    {
        // Long paragraphs, so that the length is passed before the number of elements.
        var words = string.Join(' ', Enumerable.Repeat("mot", 24));
        var paragraph = $"<p>{words}</p>";
        var fitting = HtmlBudget.Mail.MaxLength / paragraph.Length;
        var html = Repeat(paragraph, fitting + 100);
        Assert.True(fitting + 100 < HtmlBudget.Mail.MaxElements);

        var text = HtmlToText.Convert(html, HtmlBudget.Mail);

        Assert.True(text.IsCut);
        var paragraphs = text.Text.Split("\n\n");
        Assert.All(paragraphs, p => Assert.Equal(words, p));
        Assert.InRange(paragraphs.Length, fitting, fitting + 1);
    }

    [Theory]
    // Inputs that make a tree builder (or a walk down the stack) cost the square of their size.
    [InlineData("<div></x>")]
    [InlineData("<b><div>")]
    [InlineData("<a href=\"https://example.org/\"><div>lien</a>")]
    [InlineData("<a href=\"https://example.org/\">lien<table><tr><td>")]
    [InlineData("<table><tr><td>")]
    [InlineData("<ul><span><li>")]
    [InlineData("<object>")]
    public void Convert_HostileRepetition_CompletesWithoutBudget_AndIsCutWithIt(string repeated)
    {
        var html = Repeat(repeated, Many / 2) + "fin";

        var whole = HtmlToText.Convert(html);
        var cut = HtmlToText.Convert(html, HtmlBudget.Mail);

        Assert.False(whole.IsCut);
        Assert.True(cut.IsCut);
        Assert.True(cut.Text.Length <= whole.Text.Length);
    }

    [Fact]
    public void Convert_WithinTheBudget_SameAsWithout()
    {
        var html = string.Concat(Enumerable.Range(0, 500).Select(i => $"<tr><td><a href=\"https://example.org/{i}\">élève {i}</a><td>{i}"));
        html = "<table>" + html + "</table>";

        Assert.True(HtmlTokenScan.IsWithinBudget(html, HtmlBudget.Mail));
        Assert.Equal(HtmlToText.Convert(html), HtmlToText.Convert(html, HtmlBudget.Mail));
    }

    private static string Repeat(string value, int times) => new StringBuilder(value.Length * times).Insert(0, value, times).ToString();
}

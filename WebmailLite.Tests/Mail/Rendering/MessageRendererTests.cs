using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Tests.Mail.Rendering;

public sealed class MessageRendererTests
{
    private const string PartUrlPrefix = "/courrier/INBOX/42/parties/";

    // One renderer for every test, as in production: it must hold no per-message state.
    private static readonly MessageRenderer Renderer = new();

    // 1×1 images, just long enough for their signatures to be checked.
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1];

    private static RenderRequest Request(bool allowRemoteContent = false) =>
        new("INBOX", 42, allowRemoteContent, index => PartUrlPrefix + index);

    /// <summary>Hostile HTML in, the HTML the page may write raw out (remote content not allowed).</summary>
    public static TheoryData<string, string> HostileHtml => new()
    {
        { "<p>Bonjour</p><script>alert(1)</script>", "<p>Bonjour</p>" },
        { "<p onclick=\"alert(1)\">Texte</p>", "<p>Texte</p>" },
        { "<img src=x onerror=alert(1) alt=\"Photo\">", "Photo" },
        { "<a href=\"javascript:alert(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\"JaVaScRiPt:alert(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\"&#106;avascript&#58;alert(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\"jav&#x09;ascript:alert(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\" &#14; javascript:alert(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\"vbscript:msgbox(1)\">lien</a>", "<a>lien</a>" },
        { "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">lien</a>", "<a>lien</a>" },
        { "<p style=\"color:red\">Texte</p>", "<p>Texte</p>" },
        { "<style>p{color:red}</style><p>Texte</p>", "<p>Texte</p>" },
        { "<div style=\"background:url(https://evil.example/t.png)\">Texte</div>", "<div>Texte</div>" },
        { "<iframe src=\"https://evil.example\"></iframe><p>Texte</p>", "<p>Texte</p>" },
        { "<form action=\"https://evil.example\"><input name=\"mdp\"><button>Envoyer</button></form>", "Envoyer" },
        { "<svg><script>alert(1)</script><circle r=\"5\"/></svg><p>Texte</p>", "<p>Texte</p>" },
        { "<svg onload=\"alert(1)\"><text>svg</text></svg><p>Texte</p>", "<p>Texte</p>" },
        { "<img src=\"//evil.example/x.png\" alt=\"Logo\">", "Logo" },
        { "<img src=\"\\\\evil.example\\x.png\" alt=\"Logo\">", "Logo" },
        { "<img srcset=\"https://evil.example/x.png 1x\" src=\"cid:inconnu\">", "" },
        { "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Pixel\">", "Pixel" },
        { "<base href=\"https://evil.example/\"><a href=\"/page\">lien</a>", "<a>lien</a>" },
        { "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><p>Texte</p>", "<p>Texte</p>" },
        { "<link rel=\"stylesheet\" href=\"https://evil.example/s.css\"><p>Texte</p>", "<p>Texte</p>" },
        { "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/e\">", "" },
        { "<video src=\"https://evil.example/v.mp4\" poster=\"https://evil.example/p.png\">Vidéo</video><audio src=\"https://evil.example/a.mp3\"></audio>", "" },
        { "<picture><source srcset=\"https://evil.example/a.webp\"><img src=\"cid:inconnu\" alt=\"Image\"></picture>", "Image" },
        { "<table background=\"https://evil.example/bg.png\" bgcolor=\"#000\"><tr><td>Cellule</td></tr></table>", "<table role=\"presentation\"><tbody><tr><td>Cellule</td></tr></tbody></table>" },
        { "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>", "" },
        { "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "\"&gt;" },
        { "<a href=\"/Account/SignOut\">lien</a>", "<a>lien</a>" },
        { "<img src=\"/Account/SignOut\">", "" },
        { "<p>1 &lt; 2 &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>1 &lt; 2 &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>" },
        { "<a href=\"https://example.org/\" target=\"_top\" class=\"btn\" id=\"x\" name=\"y\" ping=\"https://evil.example/p\">Site</a>", "<a href=\"https://example.org/\" rel=\"noopener noreferrer nofollow\">Site</a>" },
        { "<a href=\"//example.org/page\">lien</a>", "<a href=\"https://example.org/page\" rel=\"noopener noreferrer nofollow\">lien</a>" },
        { "<a href=\"mailto:secretariat@ac-test.fr\">Écrire</a>", "<a href=\"mailto:secretariat@ac-test.fr\" rel=\"noopener noreferrer nofollow\">Écrire</a>" },
        { "<a href=\"https://example.org/\"><img src=\"https://evil.example/logo.png\"></a><p>après</p>", "<p>après</p>" },
        { "<p accesskey=\"s\" tabindex=\"1\" contenteditable=\"true\" aria-hidden=\"true\" role=\"button\" data-x=\"1\">Texte</p>", "<p>Texte</p>" },
        { "<o:p>Outlook</o:p><font color=\"white\" face=\"Arial\">Invisible</font>", "Outlook<font>Invisible</font>" },
        { "<p lang=\"X-NONE\">Texte</p><p lang=\"fr-FR\">Texte</p>", "<p>Texte</p><p lang=\"fr-FR\">Texte</p>" },
        { "<html><head><title>Titre</title><style>body{}</style></head><body bgcolor=\"#fff\"><p>Corps</p></body></html>", "<p>Corps</p>" },
        { "<!-- commentaire --><p>Texte</p><!--[if mso]><p>Outlook</p><![endif]-->", "<p>Texte</p>" },
        { "<table><caption>Notes</caption><tr><th>Élève</th></tr><tr><td>A</td></tr></table>", "<table><caption>Notes</caption><tbody><tr><th>Élève</th></tr><tr><td>A</td></tr></tbody></table>" },
    };

    [Theory]
    [MemberData(nameof(HostileHtml))]
    public void Render_HostileHtml_SafeHtmlOut(string html, string expected)
    {
        var rendered = Renderer.Render(HtmlMessage(html), Request());

        Assert.Null(rendered.TextBody);
        Assert.Equal(expected, rendered.HtmlBody);
        AssertHarmless(rendered.HtmlBody!);
    }

    [Fact]
    public void Render_RemoteImageNotAllowed_RemovedAndFlagged()
    {
        var rendered = Renderer.Render(HtmlMessage("<p>Bonjour</p><img src=\"https://tracker.example/pixel.gif\" width=\"1\" height=\"1\">"), Request());

        Assert.Equal("<p>Bonjour</p>", rendered.HtmlBody);
        Assert.True(rendered.HasBlockedRemoteContent);
    }

    [Fact]
    public void Render_ProtocolRelativeImageNotAllowed_RemovedAndFlagged()
    {
        var rendered = Renderer.Render(HtmlMessage("<img src=\"//evil.example/x.png\" alt=\"Logo\">"), Request());

        Assert.Equal("Logo", rendered.HtmlBody);
        Assert.True(rendered.HasBlockedRemoteContent);
    }

    [Fact]
    public void Render_RemoteImageAllowed_KeptWithoutReferrer()
    {
        var rendered = Renderer.Render(HtmlMessage("<img src=\"https://images.example/logo.png\" alt=\"Logo du collège\">"), Request(allowRemoteContent: true));

        Assert.Equal("<img src=\"https://images.example/logo.png\" alt=\"Logo du collège\" referrerpolicy=\"no-referrer\">", rendered.HtmlBody);
        Assert.False(rendered.HasBlockedRemoteContent);
    }

    [Fact]
    public void Render_ProtocolRelativeImageAllowed_LoadedOverHttps()
    {
        var rendered = Renderer.Render(HtmlMessage("<img src=\"//images.example/x.png\">"), Request(allowRemoteContent: true));

        Assert.Equal("<img src=\"https://images.example/x.png\" referrerpolicy=\"no-referrer\" alt=\"\">", rendered.HtmlBody);
    }

    [Fact]
    public void Render_RemoteImageAllowedInsideEmptyLink_LinkNamedAfterItsHost()
    {
        var rendered = Renderer.Render(
            HtmlMessage("<a href=\"https://www.education.gouv.fr/\"><img src=\"https://images.example/logo.png\"></a>"),
            Request(allowRemoteContent: true));

        Assert.Contains("alt=\"Lien vers www.education.gouv.fr\"", rendered.HtmlBody);
    }

    [Fact]
    public void Render_SrcsetAllowedRemote_StillRemoved()
    {
        var rendered = Renderer.Render(
            HtmlMessage("<img src=\"https://images.example/a.png\" srcset=\"https://evil.example/b.png 2x\">"),
            Request(allowRemoteContent: true));

        Assert.DoesNotContain("srcset", rendered.HtmlBody);
        Assert.DoesNotContain("evil.example", rendered.HtmlBody);
    }

    [Fact]
    public void Render_NoRemoteContent_NotFlagged()
    {
        var rendered = Renderer.Render(HtmlMessage("<p>Bonjour <a href=\"https://example.org/\">lien</a></p>"), Request());

        Assert.False(rendered.HasBlockedRemoteContent);
    }

    [Fact]
    public void Render_MailHeadings_DemotedBelowThePageHeadings()
    {
        var rendered = Renderer.Render(HtmlMessage("<h1 align=\"center\">Titre</h1><h2>Sous-titre</h2><h4>Niveau 4</h4><h6>Minuscule</h6><h1><img src=\"cid:inconnu\"></h1>"), Request());

        Assert.Equal("<h3 align=\"center\">Titre</h3><h4>Sous-titre</h4><h6>Niveau 4</h6><h6>Minuscule</h6>", rendered.HtmlBody);
        Assert.DoesNotContain("<h1", rendered.HtmlBody);
        Assert.DoesNotContain("<h2", rendered.HtmlBody);
    }

    [Fact]
    public void Render_MultipartAlternative_TextPreferredAndHtmlNotListed()
    {
        var message = Message(new MultipartAlternative
        {
            new TextPart("plain") { Text = "Bonjour,\nLa réunion est à 17 h." },
            new TextPart("html") { Text = "<p>Bonjour,</p><p>La réunion est à <b>17 h</b>.</p>" },
        });

        var rendered = Renderer.Render(message, Request());

        Assert.Equal("Bonjour,\nLa réunion est à 17 h.", rendered.TextBody);
        Assert.Null(rendered.HtmlBody);
        Assert.Empty(rendered.Attachments);
        Assert.False(rendered.IsDamaged);
    }

    [Fact]
    public void Render_BlankTextAlternative_HtmlShownInstead()
    {
        var message = Message(new MultipartAlternative
        {
            new TextPart("plain") { Text = "\r\n" },
            new TextPart("html") { Text = "<p>Le vrai contenu</p>" },
        });

        var rendered = Renderer.Render(message, Request());

        Assert.Null(rendered.TextBody);
        Assert.Equal("<p>Le vrai contenu</p>", rendered.HtmlBody);
        Assert.Empty(rendered.Attachments);
    }

    [Fact]
    public void Render_FlowedText_LinesJoined()
    {
        var part = new TextPart("plain") { Text = "Ceci est une longue ligne \r\nqui continue.\r\nNouvelle ligne.\r\n" };
        part.ContentType.Parameters.Add("format", "flowed");

        var rendered = Renderer.Render(Message(part), Request());

        Assert.Equal("Ceci est une longue ligne qui continue.\nNouvelle ligne.\n", rendered.TextBody);
    }

    [Fact]
    public void Render_CidImage_RewrittenToPartUrlAndNotListed()
    {
        var logo = new MimePart("image", "png")
        {
            Content = new MimeContent(new MemoryStream(Png)),
            ContentId = "logo@college.example",
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "logo.png" },
        };
        var message = Message(new MultipartRelated
        {
            new TextPart("html") { Text = "<p>Bonjour</p><img src=\"cid:logo@college.example\" alt=\"Logo du collège\">" },
            logo,
        });

        var rendered = Renderer.Render(message, Request());

        Assert.Equal($"<p>Bonjour</p><img src=\"{PartUrlPrefix}1\" alt=\"Logo du collège\">", rendered.HtmlBody);
        Assert.Empty(rendered.Attachments);
        Assert.False(rendered.HasBlockedRemoteContent);
        Assert.Same(logo, message.BodyParts.ElementAt(1));
    }

    [Fact]
    public void Render_CidPointingAtSvg_ImageDroppedAndPartListed()
    {
        var svg = new MimePart("image", "svg+xml") { Content = new MimeContent(new MemoryStream("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray())), ContentId = "dessin@example" };
        var message = Message(new MultipartRelated
        {
            new TextPart("html") { Text = "<p>Voir</p><img src=\"cid:dessin@example\" alt=\"Dessin\">" },
            svg,
        });

        var rendered = Renderer.Render(message, Request());

        Assert.Equal("<p>Voir</p>Dessin", rendered.HtmlBody);
        var attachment = Assert.Single(rendered.Attachments);
        Assert.Equal(1, attachment.PartIndex);
        Assert.Equal("image/svg+xml", attachment.ContentType);
    }

    [Fact]
    public void Render_TextShownFromOutlookLayout_ImagesOfTheHtmlStillListed()
    {
        // Outlook: related[alternative[text, html], image]. The text is shown, so the image is offered as a file.
        var photo = new MimePart("image", "jpeg") { Content = new MimeContent(new MemoryStream(Jpeg)), ContentId = "image001.jpg@01DA", FileName = "image001.jpg" };
        var message = Message(new MultipartRelated
        {
            new MultipartAlternative
            {
                new TextPart("plain") { Text = "Voici la photo de classe." },
                new TextPart("html") { Text = "<p>Voici la photo de classe.</p><img src=\"cid:image001.jpg@01DA\">" },
            },
            photo,
        });

        var rendered = Renderer.Render(message, Request());

        Assert.Equal("Voici la photo de classe.", rendered.TextBody);
        var attachment = Assert.Single(rendered.Attachments);
        Assert.Equal(new AttachmentInfo(2, "image001.jpg", "image/jpeg", Jpeg.Length), attachment);
    }

    [Fact]
    public void Render_AttachmentsAndAttachedMessage_ListedInPartOrderWithDecodedSizes()
    {
        var forwarded = new MimeMessage { Subject = "Conseil de classe : 3e B" };
        forwarded.Body = new TextPart("plain") { Text = "Compte rendu" };
        var pdf = new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream(new byte[3000])), FileName = "bulletin.pdf", ContentTransferEncoding = ContentEncoding.Base64 };
        var message = Message(new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Ci-joint." },
            pdf,
            new MessagePart { Message = forwarded },
        });

        var rendered = Renderer.Render(message, Request());

        Assert.Collection(
            rendered.Attachments,
            a => Assert.Equal(new AttachmentInfo(1, "bulletin.pdf", "application/pdf", 3000), a),
            a =>
            {
                Assert.Equal(2, a.PartIndex);
                Assert.Equal("Conseil de classe _ 3e B.eml", a.FileName);
                Assert.Equal("message/rfc822", a.ContentType);
                Assert.True(a.Size > 0);
            });
    }

    public static TheoryData<string?, string, string> AttachmentNames => new()
    {
        { "../../etc/passwd", "application/octet-stream", "passwd" },
        { "..\\..\\Windows\\win.ini", "text/plain", "win.ini" },
        { "facture\u0000.pdf", "application/pdf", "facture.pdf" },
        { "<script>.html", "text/html", "_script_.html" },
        { "facture\u202Efdp.exe", "application/octet-stream", "facturefdp.exe" },
        { "  .cache.  ", "application/octet-stream", "cache" },
        { "CON.txt", "text/plain", "_CON.txt" },
        { "photo", "image/jpeg", "photo.jpg" },
        { null, "image/png", "piece-jointe-2.png" },
        { "   ", "application/octet-stream", "piece-jointe-2" },
        { "e\u0301le\u0300ve.odt", "application/vnd.oasis.opendocument.text", "élève.odt" },
    };

    [Theory]
    [MemberData(nameof(AttachmentNames))]
    public void Render_AttachmentName_MadeSafe(string? declared, string mediaType, string expected)
    {
        var rendered = Renderer.Render(WithAttachment(declared, mediaType), Request());

        var attachment = Assert.Single(rendered.Attachments);
        Assert.Equal(expected, attachment.FileName);
        Assert.Equal(expected, Renderer.GetPart(WithAttachment(declared, mediaType), 1)!.FileName);
    }

    [Fact]
    public void Render_AttachmentNameOf300Characters_ShortenedKeepingExtension()
    {
        var declared = new string('r', 296) + ".pdf";

        var name = Assert.Single(Renderer.Render(WithAttachment(declared, "application/pdf"), Request()).Attachments).FileName;

        Assert.True(name.Length <= 120, $"{name.Length} characters");
        Assert.EndsWith("rrr.pdf", name);
    }

    [Fact]
    public void Render_Rfc2231EncodedName_DecodedWithAccents()
    {
        var message = Parse("""
            From: secretariat@ac-test.fr
            Subject: CR
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            Ci-joint le compte rendu.
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename*=utf-8''compte-rendu-r%C3%A9union.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--
            """);

        var rendered = Renderer.Render(message, Request());

        var attachment = Assert.Single(rendered.Attachments);
        Assert.Equal("compte-rendu-réunion.pdf", attachment.FileName);
        Assert.Equal(9, attachment.Size);
        Assert.False(rendered.IsDamaged);
    }

    [Fact]
    public void Render_ControlNameInRfc2231_Removed()
    {
        var message = Parse("""
            From: a@ac-test.fr
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Bonjour
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename*=utf-8''facture%00%0D%0A.pdf

            x
            --b--
            """);

        Assert.Equal("facture.pdf", Assert.Single(Renderer.Render(message, Request()).Attachments).FileName);
    }

    [Theory]
    [InlineData("image", "svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "application/octet-stream")]
    [InlineData("text", "html", "<script>alert(1)</script>", "application/octet-stream")]
    [InlineData("application", "xhtml+xml", "<html/>", "application/octet-stream")]
    [InlineData("text", "xml", "<a/>", "application/octet-stream")]
    [InlineData("application", "javascript", "alert(1)", "application/octet-stream")]
    [InlineData("message", "rfc822", "Subject: x", "application/octet-stream")]
    [InlineData("image", "png", "<html><script>alert(1)</script></html>", "image/png")]
    [InlineData("application", "pdf", "%PDF-1.4", "application/pdf")]
    public void GetPart_ActiveOrDisguisedContent_NeverInline(string mediaType, string subtype, string content, string expectedType)
    {
        var part = new MimePart(mediaType, subtype) { Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(content))), FileName = "fichier" };
        var message = Message(new Multipart("mixed") { new TextPart("plain") { Text = "Ci-joint" }, part });

        var served = Renderer.GetPart(message, 1);

        Assert.NotNull(served);
        Assert.False(served.MaySendInline);
        Assert.Equal(expectedType, served.ContentType);
        Assert.Equal(content, Encoding.UTF8.GetString(served.Content));
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpg", "image/jpeg")]
    public void GetPart_RasterImage_MaySendInline(string subtype, string expectedType)
    {
        var bytes = subtype == "png" ? Png : Jpeg;
        var part = new MimePart("image", subtype) { Content = new MimeContent(new MemoryStream(bytes)), ContentTransferEncoding = ContentEncoding.Base64 };
        var message = Message(new Multipart("mixed") { new TextPart("plain") { Text = "Photo" }, part });

        var served = Renderer.GetPart(message, 1);

        Assert.NotNull(served);
        Assert.True(served.MaySendInline);
        Assert.Equal(expectedType, served.ContentType);
        Assert.Equal(bytes, served.Content);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void GetPart_NoSuchPart_Null(int partIndex)
    {
        var message = Message(new Multipart("mixed") { new TextPart("plain") { Text = "a" }, new TextPart("plain") { Text = "b" } });

        Assert.Null(Renderer.GetPart(message, partIndex));
    }

    [Fact]
    public void Render_BadBoundary_DamagedButReadable()
    {
        var message = Parse("""
            From: a@ac-test.fr
            Subject: Sortie au musée
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="annoncee"

            --une-autre
            Content-Type: text/plain

            Départ à 8 h devant le collège.
            --une-autre--
            """);

        var rendered = Renderer.Render(message, Request());

        Assert.True(rendered.IsDamaged);
        Assert.Contains("Départ à 8 h devant le collège.", rendered.TextBody);
        Assert.Equal("Sortie au musée", rendered.Subject);
    }

    [Fact]
    public void Render_UnknownCharset_DamagedButReadable()
    {
        var raw = "From: a@ac-test.fr\r\nSubject: Charset\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: 8bit\r\n\r\nR\u00e9union \u00e0 17 h\r\n";
        var message = MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(raw)));

        var rendered = Renderer.Render(message, Request());

        Assert.True(rendered.IsDamaged);
        Assert.StartsWith("R", rendered.TextBody);
        Assert.Contains("union", rendered.TextBody);
    }

    [Fact]
    public void Render_UnknownCharsetButAsciiText_NotDamaged()
    {
        var message = Parse("""
            From: a@ac-test.fr
            MIME-Version: 1.0
            Content-Type: text/plain; charset=x-unknown

            Hello
            """);

        var rendered = Renderer.Render(message, Request());

        Assert.False(rendered.IsDamaged);
        Assert.Equal("Hello", rendered.TextBody?.Trim());
    }

    [Fact]
    public void Render_TruncatedBase64Attachment_DamagedAndStillListed()
    {
        var message = Parse("""
            From: a@ac-test.fr
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Le fichier suit.
            --b
            Content-Type: application/pdf; name="bulletin.pdf"
            Content-Disposition: attachment
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJ
            """);

        var rendered = Renderer.Render(message, Request());

        Assert.True(rendered.IsDamaged);
        Assert.StartsWith("Le fichier suit.", rendered.TextBody);
        Assert.Equal("bulletin.pdf", Assert.Single(rendered.Attachments).FileName);
        Assert.NotNull(Renderer.GetPart(message, 1));
    }

    [Fact]
    public void Render_TruncatedBase64TextBody_DamagedButReadable()
    {
        var message = Parse("""
            From: a@ac-test.fr
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            Qm9uam91ciDDoCB0b3VzLCBs
            YQ
            """);

        var rendered = Renderer.Render(message, Request());

        Assert.True(rendered.IsDamaged);
        Assert.StartsWith("Bonjour à tous", rendered.TextBody);
    }

    [Fact]
    public void Render_InvalidUtf8_Damaged()
    {
        var raw = "From: a@ac-test.fr\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nR\u00e9union\r\n";
        var message = MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(raw)));

        Assert.True(Renderer.Render(message, Request()).IsDamaged);
    }

    [Fact]
    public void Render_MessageWithoutBody_EmptyTextAndNoThrow()
    {
        var rendered = Renderer.Render(new MimeMessage(), Request());

        Assert.Equal("", rendered.TextBody);
        Assert.Null(rendered.HtmlBody);
        Assert.Empty(rendered.Attachments);
        Assert.Equal("", rendered.Subject);
    }

    [Fact]
    public void Render_EmptyParsedMessage_EmptyTextAndNoHeaders()
    {
        var message = Parse("From: a@ac-test.fr\n\n");

        var rendered = Renderer.Render(message, Request());

        Assert.Equal("", rendered.TextBody);
        Assert.Equal("", rendered.Subject);
        Assert.Null(rendered.Date);
        Assert.False(rendered.IsDamaged);
    }

    [Fact]
    public void Render_OnlyAnAttachment_EmptyTextAndAttachmentListed()
    {
        var message = Message(new Multipart("mixed") { new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream(new byte[10])), FileName = "scan.pdf" } });

        var rendered = Renderer.Render(message, Request());

        Assert.Equal("", rendered.TextBody);
        Assert.Equal("scan.pdf", Assert.Single(rendered.Attachments).FileName);
        Assert.False(rendered.IsDamaged);
    }

    [Fact]
    public void Render_DeeplyNestedHtml_ShownAsTextWithoutBuildingTheTree()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "Texte <a href=\"https://example.org/\">profond</a><img src=\"x\" alt=\"Photo\">";

        var rendered = Renderer.Render(HtmlMessage(html), Request());

        Assert.Null(rendered.HtmlBody);
        Assert.Equal("Texte profond <https://example.org/>[Photo]", rendered.TextBody);
    }

    [Theory]
    [InlineData("<div></x>", 300)]
    [InlineData("<x/>", 300)]
    [InlineData("<p>x", 12_000)]
    public void Render_HtmlTooCostlyToSanitize_ShownAsText(string repeated, int times)
    {
        var html = string.Concat(Enumerable.Repeat(repeated, times)) + "<p>Fin du message</p><script>alert(1)</script>";

        var rendered = Renderer.Render(HtmlMessage(html), Request());

        Assert.Null(rendered.HtmlBody);
        Assert.EndsWith("Fin du message", rendered.TextBody);
        Assert.DoesNotContain("alert", rendered.TextBody);
    }

    [Fact]
    public void Render_InlineSvgWithManyShapes_NotMistakenForDeepHtml()
    {
        var html = "<svg>" + string.Concat(Enumerable.Repeat("<path d=\"M0 0\"/>", 500)) + "</svg><p>Texte</p>";

        Assert.Equal("<p>Texte</p>", Renderer.Render(HtmlMessage(html), Request()).HtmlBody);
    }

    [Fact]
    public void Render_Headers_CleanedAndGroupsFlattened()
    {
        var message = Parse("""
            From: "Direction =?utf-8?q?=E2=80=AE?=rf.tset-ca@" <pirate@evil.example>
            To: Équipe: "Anne Lefèvre" <anne.lefevre@ac-test.fr>, paul.martin@ac-test.fr;
            Cc: <vie.scolaire@ac-test.fr>
            Subject: =?utf-8?q?R=C3=A9union_de_rentr=C3=A9e?=
            Date: Mon, 2 Nov 2026 09:30:00 +0100
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Bonjour
            """);

        var rendered = Renderer.Render(message, Request());

        Assert.Equal("Réunion de rentrée", rendered.Subject);
        Assert.Equal(new RenderedAddress("Direction rf.tset-ca@", "pirate@evil.example"), Assert.Single(rendered.From));
        Assert.Equal([new RenderedAddress("Anne Lefèvre", "anne.lefevre@ac-test.fr"), new RenderedAddress(null, "paul.martin@ac-test.fr")], rendered.To);
        Assert.Equal(new RenderedAddress(null, "vie.scolaire@ac-test.fr"), Assert.Single(rendered.Cc));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.FromHours(1)), rendered.Date);
    }

    [Fact]
    public void Render_ManyThreadsOneRenderer_EachGetsItsOwnResult()
    {
        var results = new string?[64];

        Parallel.For(0, results.Length, i =>
        {
            var logo = new MimePart("image", "png") { Content = new MimeContent(new MemoryStream(Png)), ContentId = $"logo{i}@example" };
            var message = Message(new MultipartRelated
            {
                new TextPart("html") { Text = $"<p>{i}</p><img src=\"cid:logo{i}@example\"><img src=\"https://images.example/{i}.png\">" },
                logo,
            });
            results[i] = Renderer.Render(message, new RenderRequest("INBOX", (uint)i, i % 2 == 0, index => $"/m/{i}/{index}")).HtmlBody;
        });

        for (var i = 0; i < results.Length; i++)
        {
            var remote = i % 2 == 0 ? $"<img src=\"https://images.example/{i}.png\" referrerpolicy=\"no-referrer\" alt=\"\">" : "";
            Assert.Equal($"<p>{i}</p><img src=\"/m/{i}/1\" alt=\"\">{remote}", results[i]);
        }
    }

    private static void AssertHarmless(string html)
    {
        Assert.DoesNotMatch(new Regex("<(script|style|iframe|form|input|button|svg|math|object|embed|base|meta|link|video|audio|source|picture)\\b", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("\\s(on\\w+|style|srcset|background|class|id|target)=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("(javascript|vbscript|data):", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("evil.example", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<h1", html, StringComparison.OrdinalIgnoreCase);
    }

    private static MimeMessage Message(MimeEntity body)
    {
        var message = new MimeMessage { Subject = "Test" };
        message.From.Add(new MailboxAddress("Anne Lefèvre", "anne.lefevre@ac-test.fr"));
        message.Body = body;
        return message;
    }

    private static MimeMessage HtmlMessage(string html) => Message(new TextPart("html") { Text = html });

    private static MimeMessage WithAttachment(string? fileName, string mediaType)
    {
        var type = ContentType.Parse(mediaType);
        var part = new MimePart(type.MediaType, type.MediaSubtype) { Content = new MimeContent(new MemoryStream("contenu"u8.ToArray())) };
        if (fileName is not null)
        {
            // Set the parameter directly: the FileName setter would refuse some of these names.
            part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
            part.ContentDisposition.Parameters.Add("filename", fileName);
        }
        else
        {
            part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
        }

        return Message(new Multipart("mixed") { new TextPart("plain") { Text = "Ci-joint." }, part });
    }

    private static MimeMessage Parse(string raw) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n"))));
}

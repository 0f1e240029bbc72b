using System.Net;
using System.Text;
using MimeKit;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>The message page on real mail in Dovecot: text first, hostile HTML defused, parts served safely.</summary>
[Trait("Category", "MailServer")]
public sealed class MessagePageTests : IDisposable
{
    // The smallest valid PNG (1×1, transparent).
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    private static MimeMessage Message(TestAccount to, string subject, MimeEntity body)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Expéditeur externe", "someone@example.org"));
        message.To.Add(MailboxAddress.Parse(to.Address));
        message.Subject = subject;
        message.Body = body;
        return message;
    }

    private async Task<(HttpClient Client, HtmlPage Page)> OpenAsync(MimeMessage message)
    {
        var account = await MailServer.Instance.CreateAccountAsync("message");
        message.To.Clear();
        message.To.Add(MailboxAddress.Parse(account.Address));
        var uid = await MailServer.Instance.AppendAsync(account, "INBOX", message);
        var client = await _factory.SignedInAsync(account.Identifier, account.Password);
        return (client, await HtmlPage.GetAsync(client, $"/courrier/message?dossier=INBOX&uid={uid!.Value.Id}"));
    }

    [Fact]
    public async Task PlainText_IsShownAsText_LineBreaksKept_MarkupInert()
    {
        var (_, page) = await OpenAsync(Message(new("x", "x", "x@ac-test.fr"), "Texte", new TextPart("plain")
        {
            Text = "Première ligne\nDeuxième <script>alert(1)</script> ligne",
        }));

        Assert.Equal("Première ligne\nDeuxième <script>alert(1)</script> ligne", page.Query(".body.text")!.TextContent.TrimEnd());
        Assert.Empty(page.QueryAll("main script"));
    }

    [Fact]
    public async Task HtmlOnly_Sanitized_RemoteImagesBlockedUntilAsked()
    {
        var html = new TextPart("html")
        {
            Text = "<h1>Lettre</h1><p onclick=\"steal()\">Bonjour <script>alert(1)</script></p>" +
                   "<img src=\"https://tracker.example/pixel.png\" alt=\"Logo\"><a href=\"javascript:alert(1)\">piège</a>",
        };
        var (client, page) = await OpenAsync(Message(new("x", "x", "x@ac-test.fr"), "Lettre d'information", html));

        var body = page.Query(".body.html")!;
        Assert.Empty(body.QuerySelectorAll("script, img, [onclick], h1"));
        Assert.DoesNotContain("javascript:", body.InnerHtml);
        Assert.Contains("Bonjour", body.TextContent);
        Assert.Contains("img-src 'self' data:;", string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("Afficher les images distantes", page.Text("form.banner button"));

        var shown = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "form.banner"));

        Assert.Equal("https://tracker.example/pixel.png", shown.Query(".body.html img")!.GetAttribute("src"));
        Assert.Contains("img-src 'self' data: https: http:", string.Join(";", shown.Response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("Les images distantes de ce message sont affichées.", shown.Text("p.banner"));
    }

    [Fact]
    public async Task CidImage_ServedByTheApp_InlineAndSandboxed()
    {
        var related = new MultipartRelated();
        var image = new MimePart("image", "png") { Content = new MimeContent(new MemoryStream(Png)), ContentId = "plan@ecole", ContentTransferEncoding = ContentEncoding.Base64 };
        related.Add(new TextPart("html") { Text = "<p>Plan :</p><img src=\"cid:plan@ecole\" alt=\"Plan d'accès\">" });
        related.Add(image);
        var (client, page) = await OpenAsync(Message(new("x", "x", "x@ac-test.fr"), "Plan", related));

        var src = page.Query(".body.html img")!.GetAttribute("src")!;
        var response = await client.GetAsync(src);

        Assert.StartsWith("/courrier/piece?dossier=INBOX&uid=", src);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task HtmlAttachment_IsListed_AndOnlyEverDownloaded()
    {
        var mixed = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Voir la pièce jointe." },
            new MimePart("text", "html")
            {
                Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes("<script>alert(document.cookie)</script>"))),
                FileName = "../../compte-rendu réunion.html",
                ContentTransferEncoding = ContentEncoding.Base64,
            },
        };
        var (client, page) = await OpenAsync(Message(new("x", "x", "x@ac-test.fr"), "Compte rendu", mixed));

        var link = page.Query(".att a")!;
        var response = await client.GetAsync(link.GetAttribute("href"));

        Assert.Equal("compte-rendu réunion.html", link.TextContent);
        // Named by its extension, not its media type (« text/html » says nothing to a teacher).
        Assert.Equal("(Fichier .HTML, 39 octets)", page.Text(".att li span"));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("compte-rendu réunion.html", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task MalformedMime_StillOpens_AndSaysItMayBeDamaged()
    {
        const string raw = "From: =?x-inconnu?Q?Quelqu=E9un?= <q@example.org>\r\n" +
                           "Subject: Message abime\r\n" +
                           "MIME-Version: 1.0\r\n" +
                           "Content-Type: multipart/mixed; boundary=\"jamais-vue\"\r\n\r\n" +
                           "Texte avant une frontiere qui ne vient jamais.\r\n" +
                           "--autre-frontiere\r\nContent-Type: text/plain; charset=x-inconnu\r\n\r\ncorps\r\n";
        var message = MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw)));

        var (_, page) = await OpenAsync(message);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Message abime", page.Text("h1"));
        Assert.Equal("Ce message est peut-être endommagé : voici ce qui a pu être lu.", page.Text("p.banner.warn"));
        Assert.Contains("Texte avant une frontiere", page.Text(".body"));
    }
}

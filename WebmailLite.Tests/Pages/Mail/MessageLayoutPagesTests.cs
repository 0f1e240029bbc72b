using AngleSharp.Dom;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// The message page in the order a phone needs it: headers, the attachments with their kind and size in words, a short
/// line of actions with « Autres actions », the text, then the toolbar — in the practice mailbox and on the real
/// Dovecot, in French and English.
/// </summary>
public sealed class MessageLayoutPagesTests
{
    /// <summary>What a person meets, top to bottom; the toolbar form is the target of « Autres actions ».</summary>
    private static readonly string[] PhoneOrder = ["main h1", "dl.hdr", ".att", "ul.acts", ".body", "form#actions.msg-tools"];

    [Fact]
    public async Task Practice_AttachmentsBeforeTheText_InWords_ToolbarAfterIt_ReachedByAutresActions()
    {
        using var factory = PracticeFactory.Create();
        var client = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");

        var note = await OpenAsync(client, inbox, "Note de service : mouvement intra-académique 2026");
        var invitation = await OpenAsync(client, inbox, "Invitation : conseil pédagogique");

        AssertInOrder(note, PhoneOrder);
        Assert.Equal(["note-de-service-mouvement-2026.pdf (Document PDF, 2 Ko)"], Attachments(note));
        Assert.Matches(@"^conseil-pedagogique\.ics \(Agenda \(invitation\), \d+ octets\)$", Assert.Single(Attachments(invitation)));
        AssertToolbarReachedFromTheTop(note);
    }

    [Fact]
    [Trait("Category", "MailServer")]
    public async Task Dovecot_EachAttachmentNamedByItsKindAndSize_FrenchThenEnglish_BeforeTheText_ToolbarAfterIt()
    {
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings());
        var account = await MailServer.Instance.CreateAccountAsync("message-ordre");
        var uid = await MailServer.Instance.AppendAsync(account, "INBOX", WithAttachments(account));
        var client = await factory.SignedInAsync(account.Identifier, account.Password);
        var url = $"/courrier/message?dossier=INBOX&uid={uid!.Value.Id}";

        var french = await HtmlPage.GetAsync(client, url);
        await client.GetAsync("/langue?c=en&retour=%2F");
        var english = await HtmlPage.GetAsync(client, url);

        AssertInOrder(french, PhoneOrder);
        Assert.Equal(
            [
                "budget.xlsx (Classeur Excel, 198 Ko)",
                "note.pdf (Document PDF, 1,2 Mo)",
                "photo.jpg (Image JPEG, 5 Ko)",
                "compte-rendu.docx (Document Word, 2 Ko)",
                "donnees.xyz (Fichier .XYZ, 500 octets)",
            ],
            Attachments(french)[..^1]);
        // The forwarded message's size depends on the headers MimeKit writes.
        Assert.Matches(@"^Sortie au lac\.eml \(Message électronique, \d+ octets\)$", Attachments(french)[^1]);
        // The file name stays the download link, described by its kind and size for whoever tabs to it.
        foreach (var link in french.QueryAll(".att a"))
        {
            Assert.StartsWith("/courrier/piece?dossier=INBOX&uid=", link.GetAttribute("href"));
            Assert.Equal(link.TextContent, link.GetAttribute("download"));
            Assert.Equal(link.ParentElement!.QuerySelector("span")!.Id, link.GetAttribute("aria-describedby"));
        }
        AssertToolbarReachedFromTheTop(french);

        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        AssertInOrder(english, PhoneOrder);
        Assert.Equal(
            [
                "budget.xlsx (Excel workbook, 198 KB)",
                "note.pdf (PDF document, 1.2 MB)",
                "photo.jpg (JPEG image, 5 KB)",
                "compte-rendu.docx (Word document, 2 KB)",
                "donnees.xyz (.XYZ file, 500 bytes)",
            ],
            Attachments(english)[..^1]);
        Assert.Matches(@"^Sortie au lac\.eml \(Email message, \d+ bytes\)$", Attachments(english)[^1]);
        Assert.Equal("More actions", english.Text("ul.acts a[href='#actions']"));
    }

    private static async Task<HtmlPage> OpenAsync(HttpClient client, HtmlPage list, string subject) =>
        await HtmlPage.GetAsync(client, list.QueryAll("#liste tbody th a").Single(a => a.TextContent == subject).GetAttribute("href")!);

    private static List<string> Attachments(HtmlPage page) => page.QueryAll(".att li").Select(li => li.TextContent.Trim()).ToList();

    private static void AssertInOrder(HtmlPage page, string[] selectors)
    {
        var elements = selectors.Select(s => page.Query(s) ?? throw new Xunit.Sdk.XunitException($"No {s} on the page.")).ToList();
        for (var i = 1; i < elements.Count; i++)
        {
            Assert.True(
                elements[i - 1].CompareDocumentPosition(elements[i]).HasFlag(DocumentPositions.Following),
                $"{selectors[i]} should come after {selectors[i - 1]}.");
        }
    }

    /// <summary>« Autres actions », in the line above the text, leads to the toolbar form: the same POST as ever.</summary>
    private static void AssertToolbarReachedFromTheTop(HtmlPage page)
    {
        var link = page.Query("ul.acts a[href='#actions']")!;
        var form = page.Query("#actions")!;
        Assert.Equal("Autres actions", link.TextContent);
        Assert.Equal("form", form.LocalName);
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(page.Response.RequestMessage!.RequestUri!.PathAndQuery, form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("Ce message", form.QuerySelector("fieldset.tools legend")!.TextContent);
    }

    private static MimeMessage WithAttachments(TestAccount to)
    {
        var forwarded = new MimeMessage([new MailboxAddress("Thomas Roux", "thomas.roux@ac-test.fr")], [MailboxAddress.Parse(to.Address)], "Sortie au lac", new TextPart("plain") { Text = "Départ à 8 h." });
        var mixed = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Bonjour,\n\nVoici les documents pour le conseil d'administration.\n" },
            File("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx", 198 * 1024),
            File("application", "pdf", "note.pdf", 1_258_291),
            File("image", "jpeg", "photo.jpg", 5_000),
            // Declared as nothing in particular, as some mailers do for every file: the name tells.
            File("application", "octet-stream", "compte-rendu.docx", 2_000),
            File("application", "octet-stream", "donnees.xyz", 500),
            new MessagePart { Message = forwarded },
        };
        return new MimeMessage([new MailboxAddress("Intendance", "intendance@ac-test.fr")], [MailboxAddress.Parse(to.Address)], "Documents du conseil", mixed);
    }

    private static MimePart File(string type, string subtype, string name, int size) => new(type, subtype)
    {
        Content = new MimeContent(new MemoryStream(Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray())),
        FileName = name,
        ContentTransferEncoding = ContentEncoding.Base64,
    };
}

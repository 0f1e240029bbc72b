using System.Net;
using AngleSharp.Html.Dom;
using MailKit;
using MailKit.Search;
using MimeKit;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>« Enregistrer le brouillon » against the real Dovecot: one draft, flagged \Draft, replaced, then sent and gone.</summary>
[Trait("Category", "MailServer")]
public sealed class DraftsDovecotTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Draft_RoundTrip_Save_Reopen_SaveAgainReplaces_Send_GoneFromDrafts_Arrives()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("brouillon", "brouillon-dest", "brouillon-cc");
        var (me, recipient, copy) = (accounts[0], accounts[1], accounts[2]);
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);
        var subject = "Projet de sortie au musée d'Orsay " + Guid.NewGuid().ToString("N")[..6];
        const string body = "Bonjour,\n\nvoici le projet — à compléter.\n\nÉlodie\n";
        var pdf = RandomFile("projet sortie – 4e.pdf", "application/pdf", 40_000);
        var csv = new UploadFile("Input.Files", "élèves.csv", "text/csv", System.Text.Encoding.UTF8.GetBytes("Nom;Prénom\nGarnier;Loïc\n"));
        var compose = await OpenAsync(client);

        // Save: POST → redirect → the draft reopened from Brouillons, with a banner.
        var saved = await SaveDraftAsync(compose, client, new()
        {
            ["Input.To"] = $"Loïc Garnier <{recipient.Address}>",
            ["Input.Cc"] = copy.Address,
            ["Input.Bcc"] = me.Address,
            ["Input.Subject"] = subject,
            ["Input.Body"] = body,
        }, pdf, csv);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.OriginalString;
        Assert.Matches(@"^/courrier/ecrire\?brouillon=\d+$", location);
        var firstUid = uint.Parse(location.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);

        var draft = await HtmlPage.GetAsync(client, location);
        Assert.Equal(HttpStatusCode.OK, draft.Status);
        Assert.Matches(@"^Brouillon enregistré à \d{1,2} h( \d\d)? dans « Brouillons »\. Vous pouvez continuer à écrire\.$", draft.Text(".banner.ok[role=status] p"));
        Assert.Equal("Modifier le brouillon", draft.Text("h1"));
        AssertFields(draft, $"Loïc Garnier <{recipient.Address}>", copy.Address, me.Address, subject, body);
        Assert.Equal(["Retirer « projet sortie – 4e.pdf » (40 Ko)", "Retirer « élèves.csv » (26 octets)"], draft.QueryAll(".atts li label").Select(l => l.TextContent));
        Assert.Equal(firstUid.ToString(System.Globalization.CultureInfo.InvariantCulture), draft.Query("input[name='Input.DraftUid']")!.GetAttribute("value"));
        // The banner is one-shot.
        Assert.Null((await HtmlPage.GetAsync(client, location)).Query(".banner.ok"));

        // On the server: one draft, \Draft and \Seen, everything in it byte for byte.
        var stored = await DraftsAsync(me, subject);
        var (uid, flags, message) = Assert.Single(stored);
        Assert.Equal(firstUid, uid);
        Assert.True(flags.HasFlag(MessageFlags.Draft));
        Assert.True(flags.HasFlag(MessageFlags.Seen));
        Assert.Equal(body, message.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal(me.Address, message.Bcc.Mailboxes.Single().Address);
        var parts = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(pdf.Content, Decode(parts[0]));
        Assert.Equal(csv.Content, Decode(parts[1]));

        // Brouillons lists it; its link, and its message page's, reopen the compose page.
        var list = await HtmlPage.GetAsync(client, "/courrier?dossier=Drafts");
        Assert.Equal(location, list.QueryAll("table a").Single(a => a.TextContent == subject).GetAttribute("href"));
        var shown = await HtmlPage.GetAsync(client, $"/courrier/message?dossier=Drafts&uid={firstUid}");
        Assert.Equal(location, shown.QueryAll("main a").Single(a => a.TextContent == "Modifier ce brouillon").GetAttribute("href"));
        Assert.DoesNotContain(shown.QueryAll("main a"), a => a.TextContent == "Répondre");

        // Save again, changed: the new version replaces the old one (one draft, a new UID).
        var resaved = await SaveDraftAsync(draft, client, new() { ["Input.Body"] = body + "P.-S. : départ à 8 h.\n" });
        Assert.Equal(HttpStatusCode.Redirect, resaved.StatusCode);
        var secondLocation = resaved.Headers.Location!.OriginalString;
        Assert.NotEqual(location, secondLocation);
        var (secondUid, _, second) = Assert.Single(await DraftsAsync(me, subject));
        Assert.NotEqual(firstUid, secondUid);
        Assert.EndsWith("P.-S. : départ à 8 h.\n", second.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal(2, second.Attachments.Count());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(location)).StatusCode);

        // Send it: it arrives whole, and leaves Brouillons.
        var reopened = await OpenAsync(client, secondLocation);
        var sent = await PostAsync(reopened, client, new());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/courrier", sent.Headers.Location!.OriginalString);
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal(body + "P.-S. : départ à 8 h.\n", delivered.TextBody!.ReplaceLineEndings("\n"));
        Assert.Equal(copy.Address, delivered.Cc.Mailboxes.Single().Address);
        var arrived = delivered.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["projet sortie – 4e.pdf", "élèves.csv"], arrived.Select(p => p.FileName));
        Assert.Equal(pdf.Content, Decode(arrived[0]));
        Assert.Equal(csv.Content, Decode(arrived[1]));
        Assert.Empty(await DraftsAsync(me, subject));
        Assert.Equal(1, await CountAsync(me, subject, "Sent"));
        Assert.Equal(1, await CountAsync(copy, subject));
    }

    [Fact]
    public async Task Draft_WithoutRecipient_IsSaved_ButAnInvalidAddressIsAnError_NothingLost()
    {
        var me = await MailServer.Instance.CreateAccountAsync("brouillon-vide");
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);
        var subject = "Idées pour le conseil pédagogique " + Guid.NewGuid().ToString("N")[..6];

        var refused = await HtmlPage.LoadAsync(await SaveDraftAsync(await OpenAsync(client), client, new()
        {
            ["Input.To"] = "jean.dupont@ac-test",
            ["Input.Subject"] = subject,
            ["Input.Body"] = "À trier.",
        }));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.StartsWith("Erreur : ", refused.Title);
        Assert.Contains("« jean.dupont@ac-test »", refused.Text(".err-sum a[href='#Input_To']"));
        AssertFields(refused, "jean.dupont@ac-test", "", "", subject, "À trier.");
        Assert.Empty(await DraftsAsync(me, subject));

        var saved = await SaveDraftAsync(refused, client, new() { ["Input.To"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, _, message) = Assert.Single(await DraftsAsync(me, subject));
        Assert.Empty(message.To);
        Assert.Equal("À trier.", message.TextBody!.ReplaceLineEndings("\n"));
    }

    private static void AssertFields(HtmlPage page, string to, string cc, string bcc, string subject, string body)
    {
        Assert.Equal(to, page.Query("#Input_To")!.GetAttribute("value") ?? "");
        Assert.Equal(cc, page.Query("#Input_Cc")!.GetAttribute("value") ?? "");
        Assert.Equal(bcc, page.Query("#Input_Bcc")!.GetAttribute("value") ?? "");
        Assert.Equal(subject, page.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal(body, ((IHtmlTextAreaElement)page.Query("#Input_Body")!).Value);
    }

    /// <summary>The drafts with exactly this subject: UID, flags, message.</summary>
    private static async Task<List<(uint Uid, MessageFlags Flags, MimeMessage Message)>> DraftsAsync(TestAccount account, string subject)
    {
        using var client = await MailServer.Instance.ConnectImapAsync(account);
        var drafts = await MailServer.ResolveFolderAsync(client, "Drafts", createIfMissing: false);
        await drafts.OpenAsync(FolderAccess.ReadOnly);
        var result = new List<(uint, MessageFlags, MimeMessage)>();
        var uids = await drafts.SearchAsync(SearchQuery.All);
        if (uids.Count > 0)
        {
            foreach (var summary in await drafts.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags))
            {
                if (summary.Envelope?.Subject == subject)
                {
                    result.Add((summary.UniqueId.Id, summary.Flags ?? MessageFlags.None, await drafts.GetMessageAsync(summary.UniqueId)));
                }
            }
        }
        await client.DisconnectAsync(true);
        return result;
    }
}

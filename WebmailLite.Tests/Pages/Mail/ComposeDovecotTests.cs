using System.Diagnostics;
using System.Net;
using System.Text;
using MimeKit;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>Sending through the compose page to the real Postfix and Dovecot: what arrives is what was written.</summary>
[Trait("Category", "MailServer")]
public sealed class ComposeDovecotTests(ITestOutputHelper output) : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Send_ArrivesWithAccentsAndByteIdenticalAttachments_CopyInSent()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("expediteur", "destinataire", "copie");
        var (sender, recipient, hidden) = (accounts[0], accounts[1], accounts[2]);
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var page = await OpenAsync(client);
        var subject = "Sortie à Orsay : autorisations signées (élèves de 5e) " + Guid.NewGuid().ToString("N")[..6];
        const string body = "Bonjour Loïc,\n\nVoici les autorisations — toutes signées.\nÀ jeudi, 8 h 15 devant le collège.\n\nÉlodie";
        var pdf = RandomFile("autorisations 5e – sortie.pdf", "application/pdf", 300_000);
        var csv = new UploadFile("Input.Files", "élèves.csv", "text/csv", Encoding.UTF8.GetBytes("Nom;Prénom\nGarnier;Loïc\nPetit;Chloé\n"));
        var png = RandomFile("plan.png", "image/png", 20_000);

        var watch = Stopwatch.StartNew();
        var response = await PostAsync(page, client, new()
        {
            ["Input.To"] = $"Loïc Garnier <{recipient.Address}>",
            ["Input.Bcc"] = hidden.Address,
            ["Input.Subject"] = subject,
            ["Input.Body"] = body,
        }, pdf, csv, png);
        watch.Stop();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        output.WriteLine($"Send with 3 attachments (320 KB) through the page, direct path: {watch.ElapsedMilliseconds} ms");
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal(sender.Address, delivered.From.Mailboxes.Single().Address);
        Assert.Equal(("Loïc Garnier", recipient.Address), (delivered.To.Mailboxes.Single().Name, delivered.To.Mailboxes.Single().Address));
        Assert.Equal(body, delivered.TextBody!.ReplaceLineEndings("\n"));
        Assert.False(delivered.Headers.Contains(HeaderId.Bcc));
        var parts = delivered.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["autorisations 5e – sortie.pdf", "élèves.csv", "plan.png"], parts.Select(p => p.FileName));
        Assert.Equal(["application/pdf", "text/csv", "image/png"], parts.Select(p => p.ContentType.MimeType));
        Assert.Equal(pdf.Content, Decode(parts[0]));
        Assert.Equal(csv.Content, Decode(parts[1]));
        Assert.Equal(png.Content, Decode(parts[2]));
        // Bcc: delivered, and invisible.
        var blind = await MailServer.Instance.WaitForMessageAsync(hidden, subject);
        Assert.False(blind.Headers.Contains(HeaderId.Bcc));

        var copy = await MailServer.Instance.WaitForMessageAsync(sender, subject, "Sent", TimeSpan.FromSeconds(2));
        Assert.Equal(delivered.MessageId, copy.MessageId);
        Assert.Equal(hidden.Address, copy.Bcc.Mailboxes.Single().Address);
        Assert.Equal(1, await CountAsync(recipient, subject));
        Assert.Equal(1, await CountAsync(sender, subject, "Sent"));

        // The banner on the inbox, then a link to the Sent folder.
        var inbox = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal($"Votre message « {subject} » a été envoyé.", inbox.Text(".banner.ok p"));
        Assert.Equal("/courrier?dossier=Sent", inbox.Query(".banner.ok a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task HeaderInjection_InSubjectAndNames_AddsNoHeader_ToTheDeliveredMessage()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("injection", "cible", "victime");
        var (sender, recipient, victim) = (accounts[0], accounts[1], accounts[2]);
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var page = await OpenAsync(client);
        var marker = Guid.NewGuid().ToString("N")[..6];

        var response = await PostAsync(page, client, new()
        {
            ["Input.To"] = $"\"Nom\r\nX-Injected: nom\r\nBcc: {victim.Address}\" <{recipient.Address}>",
            ["Input.Subject"] = $"Convocation {marker}\r\nBcc: {victim.Address}\r\nX-Injected: objet\n\rContent-Type: text/html",
            ["Input.Body"] = "Texte\r\n.\r\nMAIL FROM:<x@ac-test.fr>\r\n",
            // Hidden fields are as easy to tamper with as any other.
            ["Input.InReplyTo"] = "<origine@ac-test.fr>\r\nX-Injected: reponse",
            ["Input.References"] = "<a@ac-test.fr>\r\nX-Injected: references <b@ac-test.fr>",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var subject = $"Convocation {marker} Bcc: {victim.Address} X-Injected: objet Content-Type: text/html";
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        // MimeKit keeps the top-level Content-* headers with the body: both lists together are the message's header block.
        var names = delivered.Headers.Concat(delivered.Body!.Headers).Select(h => h.Field).ToList();
        output.WriteLine("Delivered headers: " + string.Join(", ", names));
        Assert.DoesNotContain("X-Injected", names, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bcc", names, StringComparer.OrdinalIgnoreCase);
        Assert.Single(names, n => n.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
        Assert.Single(names, n => n.Equals("Subject", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("text/plain", delivered.Body.ContentType.MimeType);
        Assert.Equal("Nom X-Injected: nom Bcc: " + victim.Address, delivered.To.Mailboxes.Single().Name);
        Assert.Equal("origine@ac-test.fr", delivered.InReplyTo);
        Assert.Equal(["a@ac-test.fr", "b@ac-test.fr"], delivered.References);
        // The body's lone dot did not end the SMTP transaction early: the whole text arrived.
        Assert.Equal("Texte\n.\nMAIL FROM:<x@ac-test.fr>\n", delivered.TextBody!.ReplaceLineEndings("\n"));
        // Same SMTP transaction: had the victim been added, it would already have it.
        Assert.Equal(0, await CountAsync(victim, subject));
    }

    [Fact]
    public async Task HeaderInjection_LineBreakInAnAddressField_IsAnError_NothingSent()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("injection2", "cible2");
        var client = await _factory.SignedInAsync(accounts[0].Identifier, accounts[0].Password);
        var page = await OpenAsync(client);

        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new()
        {
            ["Input.To"] = $"{accounts[1].Address}\r\nX-Injected: oui",
            ["Input.Subject"] = "Injection",
        }));

        Assert.StartsWith("Erreur : ", result.Title);
        Assert.Contains("« X-Injected: oui »", result.Text(".err-sum a[href='#Input_To']"));
    }

    [Fact]
    public async Task PermanentRefusal_ComesBackToTheForm_WithTheServersReason_NothingSentToAnyone()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("refus", "accepte");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var page = await OpenAsync(client);
        var subject = "Bulletins du trimestre " + Guid.NewGuid().ToString("N")[..6];
        var file = RandomFile("bulletins.pdf", "application/pdf", 5000);

        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new()
        {
            ["Input.To"] = recipient.Address,
            ["Input.Cc"] = "refus-definitif@" + MailServer.Instance.Domain,
            ["Input.Subject"] = subject,
            ["Input.Body"] = "Bonjour,\nles bulletins sont joints.",
        }, file));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.StartsWith("Erreur : ", result.Title);
        var error = result.Query(".err-sum a[href='#Input_Cc']")!.TextContent;
        Assert.Contains("refus-definitif@ac-test.fr", error);
        Assert.Contains("Adresse inconnue", error);
        Assert.Contains("Adresse inconnue", result.Text("#Input_Cc-error"));
        Assert.Equal(recipient.Address, result.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal(subject, result.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("Bonjour,\nles bulletins sont joints.", ((AngleSharp.Html.Dom.IHtmlTextAreaElement)result.Query("#Input_Body")!).Value);
        Assert.Equal(["Retirer « bulletins.pdf » (5 Ko)"], result.QueryAll(".atts li label").Select(l => l.TextContent));
        // All or nothing: the accepted recipient got nothing either, and nothing waits in the outbox.
        await Task.Delay(500);
        Assert.Equal(0, await CountAsync(recipient, subject));
        Assert.Null(result.Query("nav.folders a[href='/courrier/attente']"));
        Assert.Equal(0, await CountAsync(sender, subject, "Sent"));

        // Corrected (the refused address removed): sent, with the file kept on the server.
        var sent = await PostAsync(result, client, new() { ["Input.Cc"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal(file.Content, Decode(delivered.Attachments.OfType<MimePart>().Single()));
    }

    [Fact]
    public async Task TemporaryRefusal_4xx_MessageWaitsInTheOutbox_WithTheReason()
    {
        var sender = await MailServer.Instance.CreateAccountAsync("temporaire");
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var page = await OpenAsync(client);
        var subject = "Boîte pleine " + Guid.NewGuid().ToString("N")[..6];

        var response = await PostAsync(page, client, new()
        {
            ["Input.To"] = "refus-temporaire@" + MailServer.Instance.Domain,
            ["Input.Subject"] = subject,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/courrier/attente", response.Headers.Location!.OriginalString);
        var outbox = await HtmlPage.GetAsync(client, "/courrier/attente");
        Assert.StartsWith("Votre message n'est pas encore parti. Le serveur d'envoi refuse les messages pour le moment.", outbox.Text(".banner.ok p"));
        var row = outbox.Query("table.outbox tbody tr")!;
        Assert.Contains(subject, row.TextContent);
        Assert.Contains("En attente. Le serveur d'envoi refuse les messages pour le moment.", row.TextContent);
        Assert.Contains("Boite pleine, reessayez plus tard", row.TextContent);
        Assert.Equal("1 message", outbox.Text("nav.folders a[href='/courrier/attente'] + .n"));
        Assert.Equal(0, await CountAsync(sender, subject, "Sent"));
    }

    [Fact]
    public async Task Reply_And_Forward_OnDovecot_ThreadingHeaders_AndForwardedAttachments()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("repond", "auteur");
        var (me, author) = (accounts[0], accounts[1]);
        var original = new MimeMessage();
        original.From.Add(new MailboxAddress("Hélène Dubois", author.Address));
        original.To.Add(new MailboxAddress("", me.Address));
        original.Subject = "Conseil de classe de 4e B";
        original.MessageId = "conseil-" + Guid.NewGuid().ToString("N")[..8] + "@ac-test.fr";
        original.References.Add("premier@ac-test.fr");
        original.Date = new DateTimeOffset(2024, 3, 12, 9, 30, 0, TimeSpan.FromHours(1));
        var agenda = RandomFile("ordre du jour.pdf", "application/pdf", 12_000);
        var builder = new BodyBuilder { TextBody = "Bonjour à toutes et à tous,\nle conseil a lieu mardi." };
        builder.Attachments.Add(agenda.FileName, agenda.Content, ContentType.Parse("application/pdf"));
        original.Body = builder.ToMessageBody();
        var uid = (await MailServer.Instance.AppendAsync(me, "INBOX", original))!.Value.Id;
        var client = await _factory.SignedInAsync(me.Identifier, me.Password);

        var reply = await OpenAsync(client, $"/courrier/ecrire?dossier=INBOX&repondre={uid}");
        Assert.Equal($"Hélène Dubois <{author.Address}>", reply.Query("#Input_To")!.GetAttribute("value"));
        var replyBody = ((AngleSharp.Html.Dom.IHtmlTextAreaElement)reply.Query("#Input_Body")!).Value;
        Assert.StartsWith($"\n\nLe mardi 12 mars 2024 à 9 h 30, Hélène Dubois <{author.Address}> a écrit :\n> Bonjour à toutes et à tous,\n> le conseil a lieu mardi.", replyBody);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reply, client, new() { ["Input.Body"] = "Entendu." + replyBody })).StatusCode);

        var answered = await MailServer.Instance.WaitForMessageAsync(author, "Re: Conseil de classe de 4e B");
        Assert.Equal(original.MessageId, answered.InReplyTo);
        Assert.Equal(["premier@ac-test.fr", original.MessageId], answered.References);
        Assert.Empty(answered.Attachments);

        var forward = await OpenAsync(client, $"/courrier/ecrire?dossier=INBOX&transferer={uid}");
        Assert.Equal(["Retirer « ordre du jour.pdf » (12 Ko)"], forward.QueryAll(".atts li label").Select(l => l.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(forward, client, new() { ["Input.To"] = author.Address })).StatusCode);

        var forwarded = await MailServer.Instance.WaitForMessageAsync(author, "Tr: Conseil de classe de 4e B");
        Assert.Null(forwarded.InReplyTo);
        var part = forwarded.Attachments.OfType<MimePart>().Single();
        Assert.Equal("ordre du jour.pdf", part.FileName);
        Assert.Equal(agenda.Content, Decode(part));
        Assert.Contains("-------- Message transféré --------", forwarded.TextBody);
    }
}

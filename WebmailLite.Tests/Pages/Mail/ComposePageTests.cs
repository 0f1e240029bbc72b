using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>The compose page on the practice mailbox: the form, its errors, files kept between posts, sending, reply, forward.</summary>
public sealed class ComposePageTests : IDisposable
{
    private const string Julien = "julien.bernard@ac-entrainement.fr";

    private readonly WebmailFactory _factory = new(new Dictionary<string, string?>
    {
        // Small limits, so the tests post kilobytes rather than megabytes.
        ["Mail:Compose:MaxAttachmentBytes"] = "4000",
        ["Mail:Compose:MaxTotalAttachmentBytes"] = "6000",
    });

    public void Dispose() => _factory.Dispose();

    private PracticeStore Store => _factory.Services.GetRequiredService<PracticeStore>();

    private Task<HttpClient> SignInAsync(string identifier = PracticeSeed.Identifier) => _factory.SignedInAsync(identifier, PracticeSeed.Password);

    private static Task<HttpResponseMessage> PostAsync(HtmlPage page, HttpClient client, Dictionary<string, string> values, params UploadFile[] files) =>
        page.SubmitAsync(client, "form.compose", values, files);

    private static UploadFile File(string name, int size, byte seed = 1) =>
        new("Input.Files", name, "application/pdf", Enumerable.Range(0, size).Select(i => (byte)(i * 31 + seed)).ToArray());

    private MimeMessage LatestIn(string identifier, string folder)
    {
        var summary = Store.ReadNewestFirst(identifier, folder, 0, 1).Single();
        using var stream = new MemoryStream(Store.GetSource(identifier, folder, summary.Uid)!);
        return MimeMessage.Load(stream);
    }

    [Fact]
    public async Task Empty_LabelledFields_MultipartForm_SendThenDraftButtons_FromIsTheAccount()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/ecrire");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Nouveau message", page.Text("h1"));
        Assert.StartsWith("Nouveau message – ", page.Title);
        Assert.Single(page.QueryAll("h1"));
        foreach (var (id, label) in new[] { ("Input_To", "À"), ("Input_Cc", "Cc (copie)"), ("Input_Bcc", "Cci (copie cachée)"), ("Input_Subject", "Objet"), ("Input_Body", "Message"), ("Input_Files", "Ajouter des pièces jointes") })
        {
            Assert.Equal(label, page.Text($"label[for={id}]"));
            Assert.NotNull(page.Query($"#{id}"));
        }
        Assert.Equal("textarea", page.Query("#Input_Body")!.LocalName);
        Assert.NotNull(page.Query("#Input_Files[type=file][multiple]"));
        Assert.Equal("multipart/form-data", page.Query("form.compose")!.GetAttribute("enctype"));
        Assert.Equal(["Envoyer", "Enregistrer le brouillon"], page.QueryAll("form.compose button").Select(b => b.TextContent.Trim()));
        Assert.Equal("De : camille.martin@ac-entrainement.fr", page.Text("p.from"));
        Assert.Contains("4 Ko au plus par fichier, 6 Ko au total", page.Text("#Input_Files-hint"));
        Assert.NotNull(page.Query("input[name='__RequestVerificationToken']"));
    }

    [Fact]
    public async Task InboxAndMessage_LinkToCompose_ReplyReplyAllForward()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var message = await HtmlPage.GetAsync(client, inbox.Query("tbody a")!.GetAttribute("href")!);

        Assert.Equal("/courrier/ecrire", inbox.Query(".side .write a")!.GetAttribute("href"));
        Assert.Equal("Écrire un message", inbox.Text(".side .write a"));
        var actions = message.QueryAll("ul.acts a[href^='/courrier/ecrire']").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(["Répondre", "Répondre à tous", "Transférer"], actions.Select(a => a.TextContent));
        Assert.All(actions, a => Assert.Matches(@"^/courrier/ecrire\?dossier=INBOX&(repondre|repondre-a-tous|transferer)=\d+$", a.Item2));
        // No outbox link while nothing waits.
        Assert.Null(inbox.Query("nav.folders a[href='/courrier/attente']"));
    }

    [Fact]
    public async Task Send_InvalidAddresses_GovUkErrors_EachAddressNamed_TypedTextKept()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        var response = await PostAsync(page, client, new()
        {
            ["Input.To"] = Julien + "; pas-une-adresse, jean@",
            ["Input.Cc"] = "Dupont <dupont@ac-entrainement>",
            ["Input.Subject"] = "Réunion de jeudi : ordre du jour",
            ["Input.Body"] = "Bonjour à tous,\n\nVoici l'ordre du jour.\n  - point 1\n",
        });
        var result = await HtmlPage.LoadAsync(response);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.StartsWith("Erreur : Nouveau message", result.Title);
        var summary = result.Query(".err-sum[role=alert]")!;
        Assert.Equal("Il y a un problème", summary.QuerySelector("h2")!.TextContent);
        var links = summary.QuerySelectorAll("a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent)).ToList();
        Assert.Equal(["#Input_To", "#Input_To", "#Input_Cc"], links.Select(l => l.Href));
        Assert.Contains("« pas-une-adresse »", links[0].Text);
        Assert.Contains("« jean@ »", links[1].Text);
        Assert.Contains("« Dupont <dupont@ac-entrainement> »", links[2].Text);
        // The same messages beside the field, tied to it.
        Assert.Equal(2, result.QueryAll("#Input_To-error p").Length);
        Assert.Equal("Erreur : ", result.Query("#Input_To-error p .vh")!.TextContent);
        var to = result.Query("#Input_To")!;
        Assert.Equal("true", to.GetAttribute("aria-invalid"));
        Assert.Equal("Input_To-hint Input_To-error", to.GetAttribute("aria-describedby"));
        Assert.Null(result.Query("#Input_Bcc")!.GetAttribute("aria-invalid"));
        // Everything typed, as typed.
        Assert.Equal(Julien + "; pas-une-adresse, jean@", to.GetAttribute("value"));
        Assert.Equal("Dupont <dupont@ac-entrainement>", result.Query("#Input_Cc")!.GetAttribute("value"));
        Assert.Equal("Réunion de jeudi : ordre du jour", result.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("Bonjour à tous,\n\nVoici l'ordre du jour.\n  - point 1\n", ((AngleSharp.Html.Dom.IHtmlTextAreaElement)result.Query("#Input_Body")!).Value);
        Assert.DoesNotContain(Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 50), m => m.Subject == "Réunion de jeudi : ordre du jour");
    }

    [Fact]
    public async Task Send_ANameInsteadOfAnAddress_OnePersonFound_PutInTheField_ThenSentOnTheNextPress()
    {
        var contacts = _factory.Services.GetRequiredService<WebmailLite.Contacts.IContactStore>();
        await contacts.AddAsync(PracticeSeed.Identifier, new WebmailLite.Contacts.ContactDraft("Julien Bernard", [Julien], ""), default);
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        // Without JavaScript nothing suggests as one types: the name typed is looked up when the form is sent.
        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new()
        {
            ["Input.To"] = "julien bern",
            ["Input.Subject"] = "Trouvé par son nom",
        }));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("Julien Bernard <" + Julien + ">", result.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal("À : « julien bern » a été remplacé par Julien Bernard <" + Julien + ">. Vérifiez que c'est la bonne personne, puis envoyez de nouveau.",
            result.Text("#Input_To-error p").Replace("Erreur : ", "", StringComparison.Ordinal));
        Assert.DoesNotContain(Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 50), m => m.Subject == "Trouvé par son nom");

        var sent = await PostAsync(result, client, []);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("Trouvé par son nom", LatestIn(PracticeSeed.SecondIdentifier, "INBOX").Subject);
    }

    [Fact]
    public async Task Send_ANameOfSeveralPeople_ListsThemToChoose_KeepsTheName_AShortOneIsJustNotAnAddress()
    {
        var contacts = _factory.Services.GetRequiredService<WebmailLite.Contacts.IContactStore>();
        await contacts.AddAsync(PracticeSeed.Identifier, new WebmailLite.Contacts.ContactDraft("Hélène Dupont", ["helene.dupont@ac-exemple.fr"], ""), default);
        await contacts.AddAsync(PracticeSeed.Identifier, new WebmailLite.Contacts.ContactDraft("Hélène Martin", ["helene.martin@ac-exemple.fr"], ""), default);
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new()
        {
            ["Input.To"] = Julien + ", helene",
            ["Input.Cc"] = "he",
        }));

        Assert.Equal(Julien + ", helene", result.Query("#Input_To")!.GetAttribute("value"));
        var error = result.Text("#Input_To-error p");
        Assert.Contains("2 personnes correspondent à « helene » : Hélène Dupont <helene.dupont@ac-exemple.fr> ; Hélène Martin <helene.martin@ac-exemple.fr>.", error);
        Assert.Single(result.QueryAll("#Input_To-error p"));
        Assert.Contains("« he » n'est pas une adresse valide", result.Text("#Input_Cc-error p"));
    }

    [Fact]
    public async Task Send_NoRecipient_OneErrorOnTo()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new() { ["Input.Subject"] = "Sans destinataire" }));

        Assert.Equal(["#Input_To"], result.QueryAll(".err-sum a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Indiquez au moins un destinataire", result.Text(".err-sum"));
    }

    [Fact]
    public async Task Send_FileKeptAfterAnError_ListedWithRemoveBox_ThenSentByteIdentical()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var file = File("Compte rendu – réunion.pdf", 3000);

        var withError = await HtmlPage.LoadAsync(await PostAsync(page, client, new()
        {
            ["Input.To"] = "julien.bernard@",
            ["Input.Subject"] = "Compte rendu",
            ["Input.Body"] = "Ci-joint le compte rendu.",
        }, file));

        Assert.StartsWith("Erreur : ", withError.Title);
        var kept = withError.QueryAll(".atts li label").Select(l => l.TextContent).ToList();
        Assert.Equal(["Retirer « Compte rendu – réunion.pdf » (3 Ko)"], kept);
        Assert.Equal("checkbox", withError.Query(".atts li input")!.GetAttribute("type"));
        Assert.Equal("Pièces jointes du message", withError.Text(".atts legend"));

        // Corrected, posted again without choosing the file again.
        var sent = await PostAsync(withError, client, new() { ["Input.To"] = Julien });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = LatestIn(PracticeSeed.SecondIdentifier, "INBOX");
        Assert.Equal("Compte rendu", delivered.Subject);
        var attachment = Assert.Single(delivered.Attachments.OfType<MimePart>());
        Assert.Equal("Compte rendu – réunion.pdf", attachment.FileName);
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        Assert.Equal(file.Content, content.ToArray());
    }

    [Fact]
    public async Task Send_RemoveTicked_FileNotSent()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var withError = await HtmlPage.LoadAsync(await PostAsync(page, client, new() { ["Input.Subject"] = "Deux fichiers" }, File("a.pdf", 100), File("b.pdf", 200, 7)));
        Assert.Equal(2, withError.QueryAll(".atts li").Length);

        ((AngleSharp.Html.Dom.IHtmlInputElement)withError.Query("#Input_Remove_0")!).IsChecked = true;
        var sent = await PostAsync(withError, client, new() { ["Input.To"] = Julien });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = LatestIn(PracticeSeed.SecondIdentifier, "INBOX");
        Assert.Equal("Deux fichiers", delivered.Subject);
        Assert.Equal(["b.pdf"], delivered.Attachments.OfType<MimePart>().Select(p => p.FileName));
    }

    [Fact]
    public async Task Send_FileOverTheLimits_ClearErrorNamingIt_OtherFilesAndTextKept()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new()
        {
            ["Input.To"] = Julien,
            ["Input.Subject"] = "Photos de la sortie",
            ["Input.Body"] = "Les photos.",
        }, File("petite.pdf", 3000), File("trop-grande.pdf", 5000, 2), File("de-trop.pdf", 3500, 3)));

        Assert.StartsWith("Erreur : ", result.Title);
        var errors = result.QueryAll(".err-sum a").Select(a => a.TextContent).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(result.QueryAll(".err-sum a"), a => Assert.Equal("#Input_Files", a.GetAttribute("href")));
        Assert.Equal("Le fichier « trop-grande.pdf » (5 Ko) n'a pas été ajouté : un fichier peut faire au plus 4 Ko.", errors[0]);
        Assert.StartsWith("Le fichier « de-trop.pdf » (4 Ko) n'a pas été ajouté : les pièces jointes dépasseraient 6 Ko au total.", errors[1]);
        Assert.Equal("true", result.Query("#Input_Files")!.GetAttribute("aria-invalid"));
        Assert.Equal(["Retirer « petite.pdf » (3 Ko)"], result.QueryAll(".atts li label").Select(l => l.TextContent));
        Assert.Equal("Photos de la sortie", result.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal(Julien, result.Query("#Input_To")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Send_WithoutAFormId_SendsNothing_TheFormComesBackWithOne_ThenLeavesOnce()
    {
        const string subject = "Formulaire sans identifiant";
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        // Every rendered form carries one; a post without it (an old page, a hand-made request) cannot be recognised
        // if posted again, so it sends nothing.
        Assert.True(WebmailLite.Mail.Compose.IComposeAttachmentStore.IsFormId(page.Query("input[name='Input.FormId']")!.GetAttribute("value")));
        page.Query("input[name='Input.FormId']")!.Remove();

        var back = await HtmlPage.LoadAsync(await PostAsync(page, client, new() { ["Input.To"] = Julien, ["Input.Subject"] = subject }));

        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.StartsWith("Erreur : ", back.Title);
        Assert.Contains("Ce formulaire n'a pas pu être reconnu : rien n'est parti.", back.Text(".err-sum[role=alert] li"));
        Assert.Equal(Julien, back.Query("#Input_To")!.GetAttribute("value"));
        Assert.True(WebmailLite.Mail.Compose.IComposeAttachmentStore.IsFormId(back.Query("input[name='Input.FormId']")!.GetAttribute("value")));
        Assert.DoesNotContain(Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 50), m => m.Subject == subject);

        var sent = await PostAsync(back, client, []);
        var again = await PostAsync(back, client, []);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 50), m => m.Subject == subject);
    }

    [Fact]
    public async Task FormId_OfAnotherPerson_ShowsNoneOfTheirFiles()
    {
        var camille = await SignInAsync();
        var page = await HtmlPage.GetAsync(camille, "/courrier/ecrire");
        var withError = await HtmlPage.LoadAsync(await PostAsync(page, camille, new() { ["Input.Subject"] = "Privé" }, File("confidentiel.pdf", 500)));
        var formId = withError.Query("input[name='Input.FormId']")!.GetAttribute("value")!;
        var attachmentId = withError.Query(".atts input")!.GetAttribute("value")!;

        var julien = await SignInAsync(PracticeSeed.SecondIdentifier);
        var julienPage = await HtmlPage.GetAsync(julien, "/courrier/ecrire");
        var result = await HtmlPage.LoadAsync(await PostAsync(julienPage, julien, new() { ["Input.FormId"] = formId, ["Input.To"] = "x@" }));
        var sent = await PostAsync(julienPage, julien, new() { ["Input.FormId"] = formId, ["Input.To"] = "camille.martin@ac-entrainement.fr", ["Input.Subject"] = "Vol" });

        Assert.Empty(result.QueryAll(".atts li"));
        Assert.DoesNotContain("confidentiel", result.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Empty(LatestIn(PracticeSeed.Identifier, "INBOX").Attachments);
        Assert.Null(_factory.Services.GetRequiredService<WebmailLite.Mail.Compose.IComposeAttachmentStore>().Read(formId, PracticeSeed.SecondIdentifier, attachmentId));
    }

    [Fact]
    public async Task Send_InPractice_DeliversToPracticeAccount_CopyInSent_OneShotBanner()
    {
        var client = await SignInAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        var response = await PostAsync(page, client, new()
        {
            ["Input.To"] = "Julien Bernard <julien.bernard@ac-entrainement.fr>; quelqu.un@exemple.fr",
            ["Input.Bcc"] = "camille.martin@ac-entrainement.fr",
            ["Input.Subject"] = "Échange de copies à corriger",
            ["Input.Body"] = "Bonjour Julien,\n\nJe dépose les copies de 4e B en salle des professeurs.\n\nCamille",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/courrier", response.Headers.Location!.OriginalString);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Equal("Votre message « Échange de copies à corriger » a été envoyé.", inbox.Text(".banner.ok[role=status] p"));
        Assert.Equal("/courrier?dossier=Sent", inbox.Query(".banner.ok a")!.GetAttribute("href"));
        var again = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Null(again.Query(".banner.ok"));

        var delivered = LatestIn(PracticeSeed.SecondIdentifier, "INBOX");
        Assert.Equal("Échange de copies à corriger", delivered.Subject);
        var from = delivered.From.Mailboxes.Single();
        Assert.Equal(("Camille Martin", "camille.martin@ac-entrainement.fr"), (from.Name, from.Address));
        Assert.Equal("Bonjour Julien,\n\nJe dépose les copies de 4e B en salle des professeurs.\n\nCamille", delivered.TextBody!.ReplaceLineEndings("\n"));
        // Bcc recipients get it, but nobody sees the Bcc header.
        Assert.False(delivered.Headers.Contains(HeaderId.Bcc));
        Assert.Equal("Échange de copies à corriger", LatestIn(PracticeSeed.Identifier, "INBOX").Subject);
        var sentCopy = LatestIn(PracticeSeed.Identifier, "Sent");
        Assert.Equal(delivered.MessageId, sentCopy.MessageId);
        Assert.Equal("camille.martin@ac-entrainement.fr", sentCopy.Bcc.Mailboxes.Single().Address);
        var sentList = await HtmlPage.GetAsync(client, "/courrier?dossier=Sent");
        Assert.Equal("Échange de copies à corriger", sentList.Text("tbody tr:first-child a"));
    }

    [Fact]
    public async Task Reply_QuotesOriginalInPlainText_AddressesTheSender_ThreadingHeadersSent()
    {
        var client = await SignInAsync();
        var original = Store.ReadNewestFirst(PracticeSeed.Identifier, "INBOX", 0, 100).First(m => m.Subject == "Réunion de l'équipe pédagogique jeudi");
        var source = LatestOriginal(original.Uid);

        var page = await HtmlPage.GetAsync(client, $"/courrier/ecrire?dossier=INBOX&repondre={original.Uid}");

        Assert.Equal("Répondre", page.Text("h1"));
        Assert.Equal("Sophie Lambert <sophie.lambert@ac-entrainement.fr>", page.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal("Re: Réunion de l'équipe pédagogique jeudi", page.Query("#Input_Subject")!.GetAttribute("value"));
        var body = ((AngleSharp.Html.Dom.IHtmlTextAreaElement)page.Query("#Input_Body")!).Value;
        Assert.StartsWith("\n\nLe ", body);
        Assert.Matches(@"^\n\nLe \w+ \d+ \w+ \d{4} à \d{1,2} h( \d\d)?, Sophie Lambert <sophie.lambert@ac-entrainement.fr> a écrit :\n> Bonjour à toutes et à tous,\n>\n> La réunion", body);
        Assert.Equal("<" + source.MessageId + ">", page.Query("input[name='Input.InReplyTo']")!.GetAttribute("value"));
        // Answering does not mark the original read.
        Assert.Equal(original.Seen, Store.FindSummary(PracticeSeed.Identifier, "INBOX", original.Uid)!.Seen);

        var sent = await PostAsync(page, client, new() { ["Input.Body"] = "Je serai présente.\n" + body });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var copy = LatestIn(PracticeSeed.Identifier, "Sent");
        Assert.Equal("Re: Réunion de l'équipe pédagogique jeudi", copy.Subject);
        Assert.Equal(source.MessageId, copy.InReplyTo);
        Assert.Equal([source.MessageId!], copy.References);
        Assert.Contains("\n> Bonjour à toutes et à tous,\n", copy.TextBody!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ReplyAll_KeepsOtherRecipients_NeverOneself()
    {
        var client = await SignInAsync(PracticeSeed.SecondIdentifier);
        var original = Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 100).First(m => m.Subject == "Réunion de l'équipe pédagogique jeudi");

        var page = await HtmlPage.GetAsync(client, $"/courrier/ecrire?dossier=INBOX&repondre-a-tous={original.Uid}");

        Assert.Equal("Répondre à tous", page.Text("h1"));
        Assert.Equal("Sophie Lambert <sophie.lambert@ac-entrainement.fr>", page.Query("#Input_To")!.GetAttribute("value"));
        Assert.DoesNotContain("julien.bernard@", page.Query("#Input_To")!.GetAttribute("value") + page.Query("#Input_Cc")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Forward_KeepsOriginalAttachments_Removable_AndSendsThemIdentical()
    {
        var client = await SignInAsync();
        var original = Store.ReadNewestFirst(PracticeSeed.Identifier, "INBOX", 0, 100).First(m => m.Subject == "Absences de la 4e B cette semaine");
        var source = LatestOriginal(original.Uid);
        var originalParts = source.Attachments.OfType<MimePart>().ToList();
        Assert.NotEmpty(originalParts);

        var page = await HtmlPage.GetAsync(client, $"/courrier/ecrire?dossier=INBOX&transferer={original.Uid}");

        Assert.Equal("Transférer", page.Text("h1"));
        Assert.Equal("Tr: Absences de la 4e B cette semaine", page.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal("", page.Query("#Input_To")!.GetAttribute("value") ?? "");
        var body = ((AngleSharp.Html.Dom.IHtmlTextAreaElement)page.Query("#Input_Body")!).Value;
        Assert.Contains("-------- Message transféré --------\nDe : Marc Dubois <marc.dubois@ac-entrainement.fr>\n", body);
        Assert.Contains("\nObjet : Absences de la 4e B cette semaine\n", body);
        Assert.Equal(originalParts.Select(p => p.FileName), page.QueryAll(".atts li label").Select(l => l.TextContent[(l.TextContent.IndexOf('«') + 2)..l.TextContent.IndexOf('»')].TrimEnd()));

        var sent = await PostAsync(page, client, new() { ["Input.To"] = Julien });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = LatestIn(PracticeSeed.SecondIdentifier, "INBOX");
        Assert.Equal("Tr: Absences de la 4e B cette semaine", delivered.Subject);
        var forwarded = delivered.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(originalParts.Select(p => p.FileName), forwarded.Select(p => p.FileName));
        for (var i = 0; i < originalParts.Count; i++)
        {
            Assert.Equal(Decode(originalParts[i]), Decode(forwarded[i]));
            Assert.Equal(originalParts[i].ContentType.MimeType, forwarded[i].ContentType.MimeType);
        }
    }

    [Fact]
    public async Task ReplyTo_UnknownMessage_Is404_WithAPlainMessage()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/ecrire?dossier=INBOX&repondre=999999");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Message introuvable", page.Text("h1"));
        Assert.Null(page.Query("form.compose"));
    }

    [Fact]
    public async Task Outbox_WhenEmpty_SaysSo()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/attente");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("En attente d'envoi", page.Text("h1"));
        Assert.Equal("Aucun message n'attend d'être envoyé.", page.Text(".list p"));
        Assert.Equal("page", page.Query("nav.folders a[href='/courrier/attente']")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/courrier/ecrire")]
    [InlineData("/courrier/ecrire?dossier=INBOX&repondre=1")]
    [InlineData("/courrier/ecrire?dossier=INBOX&repondre-a-tous=1")]
    [InlineData("/courrier/ecrire?dossier=INBOX&transferer=1")]
    [InlineData("/courrier/ecrire?dossier=INBOX&repondre=424242")]
    [InlineData("/courrier/ecrire?reprendre=inconnu")]
    [InlineData("/courrier/attente")]
    public async Task Page_HasLangTitleOneH1LandmarksAndHelpLinks(string url)
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), url);

        Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {page.Status}");
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.EndsWith(" – Messagerie académique", page.Title);
        Assert.Single(page.QueryAll("h1"));
        Assert.NotNull(page.Query("main#contenu"));
        Assert.NotNull(page.Query("footer nav a[href='/aide']"));
        Assert.True(page.Response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {page.Response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Compose_InEnglish()
    {
        var client = await SignInAsync();
        await client.GetAsync("/langue?c=en&retour=%2F");

        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var result = await HtmlPage.LoadAsync(await PostAsync(page, client, new() { ["Input.To"] = "nobody@" }));

        Assert.Equal("New message", page.Text("h1"));
        Assert.Equal(["To", "Cc (copy)", "Bcc (blind copy)", "Subject", "Message", "Add attachments"], page.QueryAll("form.compose label").Select(l => l.TextContent));
        Assert.Equal("Send", page.Text("form.compose button"));
        Assert.StartsWith("Error: New message", result.Title);
        Assert.Equal("To: “nobody@” is not a valid address. Write it like firstname.lastname@ac-example.fr.", result.Text(".err-sum a"));
    }

    [Fact]
    public async Task Unauthenticated_ComposeAndOutbox_SendToSignIn()
    {
        var client = _factory.NewClient();

        var compose = await client.GetAsync("/courrier/ecrire");
        var outbox = await client.GetAsync("/courrier/attente");

        Assert.Equal(HttpStatusCode.Redirect, compose.StatusCode);
        Assert.StartsWith("/?retour=%2Fcourrier%2Fecrire", compose.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, outbox.StatusCode);
    }

    [Theory]
    [InlineData("/courrier/ecrire?handler=Send")]
    [InlineData("/courrier/ecrire?handler=SaveDraft")]
    [InlineData("/courrier/ecrire?handler=Keep")]
    [InlineData("/courrier/ecrire")]
    public async Task Post_WithoutAntiforgeryToken_IsRefused(string url)
    {
        var client = await SignInAsync();
        using var content = new MultipartFormDataContent { { new StringContent(Julien), "Input.To" }, { new StringContent("Sans jeton"), "Input.Subject" } };

        var response = await client.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 5), m => m.Subject == "Sans jeton");
    }

    private MimeMessage LatestOriginal(uint uid)
    {
        using var stream = new MemoryStream(Store.GetSource(PracticeSeed.Identifier, "INBOX", uid)!);
        return MimeMessage.Load(stream);
    }

    private static byte[] Decode(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }
}

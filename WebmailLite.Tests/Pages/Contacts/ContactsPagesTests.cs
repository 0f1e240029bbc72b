using System.Net;
using System.Text;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Contacts;

/// <summary>The « Contacts » pages on the practice mailbox, and their ties to compose and to a message.</summary>
public sealed class ContactsPagesTests : IDisposable
{
    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> SignInAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string name, string addresses, string note = "")
    {
        var form = await HtmlPage.GetAsync(client, "/contacts/fiche");
        return await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Addresses"] = addresses, ["Input.Note"] = note });
    }

    [Fact]
    public async Task Add_InvalidAddress_GovUkErrors_TypedTextKept()
    {
        var client = await SignInAsync();

        var response = await AddAsync(client, "Hélène Dubois", "h.dubois@ac-exemple.fr\nhelene@ac-exemple");
        var page = await HtmlPage.LoadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Erreur : Ajouter un contact", page.Title);
        Assert.Contains("« helene@ac-exemple » n’est pas une adresse électronique valide", page.Text("[role=alert]"));
        Assert.Equal("#Input_Addresses", page.Query("[role=alert] a")!.GetAttribute("href"));
        Assert.Contains("Input_Addresses-error", page.Query("#Input_Addresses")!.GetAttribute("aria-describedby"));
        Assert.Equal("h.dubois@ac-exemple.fr\nhelene@ac-exemple", page.Query("#Input_Addresses")!.TextContent.Trim());
        Assert.Equal("Hélène Dubois", page.Query("#Input_Name")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Add_Search_Edit_Delete_WithBannersAndConfirmation()
    {
        var client = await SignInAsync();
        var added = await AddAsync(client, "Hélène Dubois", "h.dubois@ac-exemple.fr; helene.dubois@clg-exemple.fr", "4e B");
        var banner = (await HtmlPage.GetAsync(client, added.Headers.Location!.OriginalString)).Text(".banner.ok");
        await AddAsync(client, "Loïc Garnier", "loic.garnier@ac-exemple.fr");

        var list = await HtmlPage.GetAsync(client, "/contacts");
        var found = await HtmlPage.GetAsync(client, "/contacts?q=HELENE");
        var taken = await HtmlPage.LoadAsync(await AddAsync(client, "Autre", "H.Dubois@ac-exemple.fr"));

        Assert.Equal("/contacts", added.Headers.Location!.OriginalString);
        Assert.Equal("Contact ajouté : Hélène Dubois.", banner);
        Assert.Equal(2, list.QueryAll("tbody tr").Length);
        Assert.Equal("1 contact correspond à « HELENE ».", found.Text("main > p:not(.back)"));
        Assert.Contains("Hélène Dubois", found.Text("tbody th"));
        Assert.Contains("L’adresse H.Dubois@ac-exemple.fr est déjà celle du contact Hélène Dubois", taken.Text("[role=alert]"));

        var editUrl = found.Query("tbody a[href^='/contacts/fiche?id=']")!.GetAttribute("href")!;
        var edit = await HtmlPage.GetAsync(client, editUrl);
        Assert.Equal("h.dubois@ac-exemple.fr\nhelene.dubois@clg-exemple.fr", edit.Query("#Input_Addresses")!.TextContent.Trim());
        var changed = await edit.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Name"] = "Hélène Dubois-Martin" });
        Assert.Equal("Contact modifié : Hélène Dubois-Martin.", (await HtmlPage.GetAsync(client, changed.Headers.Location!.OriginalString)).Text(".banner.ok"));

        var deleteUrl = found.Query("tbody a[href^='/contacts/supprimer?id=']")!.GetAttribute("href")!;
        var confirm = await HtmlPage.GetAsync(client, deleteUrl);
        Assert.Equal("Supprimer le contact", confirm.Text("h1"));
        Assert.Contains("Hélène Dubois-Martin", confirm.Text("main p:not(.back)"));
        var deleted = await confirm.SubmitAsync(client, "main form");
        var after = await HtmlPage.GetAsync(client, deleted.Headers.Location!.OriginalString);
        Assert.Equal("Contact supprimé : Hélène Dubois-Martin.", after.Text(".banner.ok"));
        Assert.Single(after.QueryAll("tbody tr"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(deleteUrl)).StatusCode);
    }

    [Fact]
    public async Task Delete_WithoutAntiforgeryToken_Refused()
    {
        var client = await SignInAsync();
        await AddAsync(client, "Hélène Dubois", "h.dubois@ac-exemple.fr");
        var list = await HtmlPage.GetAsync(client, "/contacts");
        var deleteUrl = list.Query("tbody a[href^='/contacts/supprimer?id=']")!.GetAttribute("href")!;

        var forged = await client.PostAsync(deleteUrl, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Single((await HtmlPage.GetAsync(client, "/contacts")).QueryAll("tbody tr"));
    }

    [Fact]
    public async Task Paging_50PerPage_LabelledPager()
    {
        var client = await SignInAsync();
        var vcf = new StringBuilder();
        for (var i = 0; i < 55; i++)
        {
            vcf.Append($"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Élève {i:D2}\r\nEMAIL:eleve{i:D2}@ac-exemple.fr\r\nEND:VCARD\r\n");
        }
        var import = await HtmlPage.GetAsync(client, "/contacts/importer");
        var imported = await import.SubmitAsync(client, "main form", files: [new UploadFile("Input.File", "contacts.vcf", "text/vcard", Encoding.UTF8.GetBytes(vcf.ToString()))]);

        var first = await HtmlPage.GetAsync(client, imported.Headers.Location!.OriginalString);
        var second = await HtmlPage.GetAsync(client, first.Query("nav.pager a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal("55 contacts ajoutés, 0 déjà présents.", first.Text(".banner.ok"));
        Assert.Equal(50, first.QueryAll("tbody tr").Length);
        Assert.Equal(5, second.QueryAll("tbody tr").Length);
        Assert.Equal("Pages", second.Query("nav.pager")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ExportThenImport_ThroughThePages_SummarySaysAlreadyPresent()
    {
        var client = await SignInAsync();
        await AddAsync(client, "Dubois, Hélène", "h.dubois@ac-exemple.fr", "4e B; salle 12");
        await AddAsync(client, "Loïc Garnier", "loic.garnier@ac-exemple.fr");

        var export = await client.GetAsync("/contacts/exporter");
        var file = await export.Content.ReadAsByteArrayAsync();
        var import = await HtmlPage.GetAsync(client, "/contacts/importer");
        var response = await import.SubmitAsync(client, "main form", files: [new UploadFile("Input.File", "contacts.vcf", "text/vcard", file)]);
        var bad = await HtmlPage.LoadAsync(await (await HtmlPage.GetAsync(client, "/contacts/importer")).SubmitAsync(client, "main form", files: [new UploadFile("Input.File", "liste.csv", "text/csv", "Nom;Adresse\n"u8.ToArray())]));

        Assert.Equal("text/vcard", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("contacts.vcf", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        Assert.Contains("FN:Dubois\\, Hélène", Encoding.UTF8.GetString(file));
        Assert.Equal("0 contacts ajoutés, 2 déjà présents.", (await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString)).Text(".banner.ok"));
        Assert.StartsWith("Erreur : ", bad.Title);
        Assert.Contains("n’est pas un fichier vCard", bad.Text("#Input_File-error"));
    }

    [Fact]
    public async Task SentMessage_RecipientCollected_ThenSuggestedInTheDatalist_ForAllThreeFields()
    {
        var client = await SignInAsync();
        var empty = await OpenAsync(client);
        var sent = await PostAsync(empty, client, new()
        {
            ["Input.To"] = "Hélène Dubois <h.dubois@ac-exemple.fr>; loic.garnier@ac-exemple.fr",
            ["Input.Subject"] = "Conseil de classe",
            ["Input.Body"] = "Bonjour",
        });

        var next = await OpenAsync(client);
        var contacts = await HtmlPage.GetAsync(client, "/contacts");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Null(empty.Query("datalist"));
        Assert.Null(empty.Query("#Input_To")!.GetAttribute("list"));
        var options = next.QueryAll("datalist#recipients option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("Hélène Dubois <h.dubois@ac-exemple.fr>", options);
        Assert.Contains("loic.garnier@ac-exemple.fr", options);
        Assert.All(new[] { "#Input_To", "#Input_Cc", "#Input_Bcc" }, id => Assert.Equal("recipients", next.Query(id)!.GetAttribute("list")));
        Assert.Equal(2, contacts.QueryAll("tbody tr").Length);
        Assert.Contains("(ajouté automatiquement)", contacts.Text("tbody"));
    }

    [Fact]
    public async Task MessagePage_OffersToAddTheSender_ThenNotOnceAdded()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var messageUrl = inbox.Query("tbody a")!.GetAttribute("href")!;
        var message = await HtmlPage.GetAsync(client, messageUrl);
        var link = message.Query("p.add-sender a")!;

        var form = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
        var saved = await form.SubmitAsync(client, "main form");
        var again = await HtmlPage.GetAsync(client, messageUrl);

        Assert.StartsWith("Ajouter ", link.TextContent);
        Assert.EndsWith(" aux contacts", link.TextContent);
        Assert.Contains("@", form.Query("#Input_Addresses")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(again.Query("p.add-sender"));
    }

    [Fact]
    public async Task FolderNavigation_LinksToContacts_AndContactsNeedSignIn()
    {
        var inbox = await HtmlPage.GetAsync(await SignInAsync(), "/courrier");

        Assert.NotNull(inbox.Query("nav.folders a[href='/contacts']"));
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.NewClient().GetAsync("/contacts")).StatusCode);
    }
}

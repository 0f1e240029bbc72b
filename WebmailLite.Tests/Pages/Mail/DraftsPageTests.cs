using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>Drafts on the practice mailbox: the same page, the same rules as on Dovecot.</summary>
public sealed class DraftsPageTests : IDisposable
{
    private const string Julien = "julien.bernard@ac-entrainement.fr";

    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private PracticeStore Store => _factory.Services.GetRequiredService<PracticeStore>();

    [Fact]
    public async Task Practice_SaveDraft_FlaggedDraft_ListedInBrouillons_Reopened_Sent_Removed()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var compose = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var file = new UploadFile("Input.Files", "menu cantine.pdf", "application/pdf", Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray());

        var saved = await compose.SubmitAsync(client, "form.compose", new Dictionary<string, string>
        {
            ["Input.To"] = Julien,
            ["Input.Subject"] = "Menu de la cantine",
            ["Input.Body"] = "Bonjour Julien,\nle menu est joint.",
        }, [file], ComposeMail.SaveDraftButton);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var uid = uint.Parse(saved.Headers.Location!.OriginalString.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Store.IsDraft(PracticeSeed.Identifier, "Drafts", uid));
        Assert.True(Store.FindSummary(PracticeSeed.Identifier, "Drafts", uid)!.Seen);
        var list = await HtmlPage.GetAsync(client, "/courrier?dossier=Drafts");
        Assert.Equal($"/courrier/ecrire?brouillon={uid}", list.QueryAll("table a").Single(a => a.TextContent == "Menu de la cantine").GetAttribute("href"));

        var draft = await HtmlPage.GetAsync(client, $"/courrier/ecrire?brouillon={uid}");
        Assert.Equal(Julien, draft.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal(["Retirer « menu cantine.pdf » (3 Ko)"], draft.QueryAll(".atts li label").Select(l => l.TextContent));

        var sent = await draft.SubmitAsync(client, "form.compose");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Null(Store.FindSummary(PracticeSeed.Identifier, "Drafts", uid));
        var received = Store.ReadNewestFirst(PracticeSeed.SecondIdentifier, "INBOX", 0, 1).Single();
        Assert.Equal("Menu de la cantine", received.Subject);
        using var stream = new MemoryStream(Store.GetSource(PracticeSeed.SecondIdentifier, "INBOX", received.Uid)!);
        using var buffer = new MemoryStream();
        ((MimePart)MimeMessage.Load(stream).Attachments.Single()).Content!.DecodeTo(buffer);
        Assert.Equal(file.Content, buffer.ToArray());
    }

    [Fact]
    public async Task MissingDraft_IsA404_InPlainWords()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire?brouillon=99999");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Brouillon introuvable", page.Text("h1"));
        Assert.Null(page.Query("form.compose"));
    }
}

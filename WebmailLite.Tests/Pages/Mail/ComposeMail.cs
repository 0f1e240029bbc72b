using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using MailKit;
using MailKit.Search;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Mail.Outbox;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>What the compose and outbox tests share: filling the real form, files, counting what arrived.</summary>
public static class ComposeMail
{
    public static async Task<HtmlPage> OpenAsync(HttpClient client, string url = "/courrier/ecrire")
    {
        var page = await HtmlPage.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    public static Task<HttpResponseMessage> PostAsync(HtmlPage page, HttpClient client, Dictionary<string, string> values, params UploadFile[] files) =>
        page.SubmitAsync(client, "form.compose", values, files);

    /// <summary>The form posted with « Enregistrer le brouillon ».</summary>
    public static Task<HttpResponseMessage> SaveDraftAsync(HtmlPage page, HttpClient client, Dictionary<string, string> values, params UploadFile[] files) =>
        page.SubmitAsync(client, "form.compose", values, files, SaveDraftButton);

    public const string SaveDraftButton = "button[formaction*='handler=SaveDraft']";

    /// <summary>Random bytes (so any corruption shows), under a name and type.</summary>
    public static UploadFile RandomFile(string name, string contentType, int size) =>
        new("Input.Files", name, contentType, RandomNumberGenerator.GetBytes(size));

    /// <summary>How many messages with exactly this subject are in the folder now.</summary>
    public static async Task<int> CountAsync(TestAccount account, string subject, string folder = "INBOX")
    {
        using var client = await MailServer.Instance.ConnectImapAsync(account);
        var opened = await MailServer.ResolveFolderAsync(client, folder, createIfMissing: false);
        await opened.OpenAsync(FolderAccess.ReadOnly);
        var uids = await opened.SearchAsync(SearchQuery.SubjectContains(subject));
        var count = 0;
        if (uids.Count > 0)
        {
            var summaries = await opened.FetchAsync(uids, MessageSummaryItems.Envelope);
            count = summaries.Count(s => s.Envelope?.Subject == subject);
        }
        await client.DisconnectAsync(true);
        return count;
    }

    public static async Task WaitUntilOutboxEmptyAsync(WebmailFactory factory, string identifier)
    {
        var store = factory.Services.GetRequiredService<IOutboxStore>();
        var watch = Stopwatch.StartNew();
        while (store.CountFor(identifier) > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the outbox did not empty within 20 s");
            await Task.Delay(100);
        }
    }

    public static byte[] Decode(MimeKit.MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }
}

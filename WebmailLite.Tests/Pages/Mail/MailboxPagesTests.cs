using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>Folders, list and message pages, on the seeded practice mailbox.</summary>
public sealed class MailboxPagesTests : IDisposable
{
    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<HttpClient> SignInAsync() => _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

    [Fact]
    public async Task Inbox_FolderNavInFrench_WithUnreadCountsInText()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier");

        Assert.Equal("Boîte de réception", page.Text("h1"));
        var links = page.QueryAll("nav.folders ul a").Select(a => a.TextContent).ToList();
        Assert.Equal("Boîte de réception", links[0]);
        Assert.Contains("Envoyés", links);
        Assert.Contains("Brouillons", links);
        Assert.Contains("Corbeille", links);
        Assert.Equal("page", page.Query("nav.folders a[href='/courrier']")!.GetAttribute("aria-current"));
        Assert.Matches(@"^\d+ non lus?$", page.Text("nav.folders li:first-child .n"));
    }

    [Fact]
    public async Task Inbox_IsARealTable_WithCaptionHeaders_UnreadSaidInText_AndAPager()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier");

        Assert.Matches(@"^Boîte de réception : \d+ messages, page 1 sur \d+$", page.Text("table caption"));
        // The first column holds the checkboxes that select messages for the toolbar (its header is visually hidden).
        // The subject is each row's header, its states (« Non lu »…) before it, so they are heard before the sender.
        Assert.Equal(["Sélection", "Objet", "Expéditeur", "Date", "Taille"], page.QueryAll("thead th[scope=col]").Select(th => th.TextContent));
        var rows = page.QueryAll("tbody tr");
        Assert.InRange(rows.Length, 1, 25);
        Assert.All(rows, row => Assert.Same(row.QuerySelector("th[scope=row]"), row.Children[1]));
        Assert.All(page.QueryAll("tbody tr.u th"), th => Assert.StartsWith("Non lu", th.TextContent));
        Assert.All(page.QueryAll("tbody tr.u"), row => Assert.Contains("Non lu", row.TextContent));
        Assert.All(page.QueryAll("tbody tr:not(.u)"), row => Assert.DoesNotContain("Non lu", row.TextContent));
        Assert.All(rows, row => Assert.StartsWith("/courrier/message?dossier=INBOX&uid=", row.QuerySelector("a")!.GetAttribute("href")));
        Assert.NotNull(page.Query("tbody time[datetime]"));
    }

    [Fact]
    public async Task Inbox_WhenMoreThanOnePage_PagerIsLabelledNavigation()
    {
        var client = await SignInAsync();
        var first = await HtmlPage.GetAsync(client, "/courrier");
        var pageCount = int.Parse(System.Text.RegularExpressions.Regex.Match(first.Text("caption"), @"sur (\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pageCount > 1, "the practice inbox should span more than one page of 25");

        Assert.Equal("Pages", first.Query("nav.pager")!.GetAttribute("aria-label"));
        Assert.Equal($"Page 1 sur {pageCount}", first.Text("nav.pager p"));
        var next = first.Query("nav.pager a[rel=next]")!;
        Assert.Equal("Page suivante", next.TextContent);

        var second = await HtmlPage.GetAsync(client, next.GetAttribute("href")!);
        Assert.Equal($"Page 2 sur {pageCount}", second.Text("nav.pager p"));
        Assert.NotNull(second.Query("nav.pager a[rel=prev]"));
        Assert.Empty(first.QueryAll("tbody a").Select(a => a.GetAttribute("href")).Intersect(second.QueryAll("tbody a").Select(a => a.GetAttribute("href"))));
    }

    [Fact]
    public async Task UnknownFolder_Is404_WithAPlainMessage()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier?dossier=N%27existe%20pas");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Dossier introuvable", page.Text("h1"));
    }

    [Fact]
    public async Task Message_SubjectIsTheH1_HeadersShown_AndOpeningMarksItRead()
    {
        var client = await SignInAsync();
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var unreadLink = inbox.Query("tbody tr.u a")!;
        var href = unreadLink.GetAttribute("href")!;

        var message = await HtmlPage.GetAsync(client, href);
        var after = await HtmlPage.GetAsync(client, "/courrier");

        Assert.Equal(HttpStatusCode.OK, message.Status);
        Assert.Equal(unreadLink.TextContent, message.Text("h1"));
        Assert.Single(message.QueryAll("h1"));
        var headers = message.QueryAll(".hdr dt").Select(d => d.TextContent).ToList();
        Assert.Equal(["De", "À"], headers.Take(2));
        Assert.Contains("Date", headers);
        var row = after.QueryAll("tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href") == href);
        Assert.DoesNotContain("u", row.ClassList);
    }

    [Fact]
    public async Task Message_UnknownUid_Is404_WithAPlainMessage()
    {
        var page = await HtmlPage.GetAsync(await SignInAsync(), "/courrier/message?dossier=INBOX&uid=999999");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Message introuvable", page.Text("h1"));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// A 20 MB message in Dovecot is read one bounded page at a time: each page weighs its share of the message and
/// no more, the pages follow each other without gap or overlap, and the whole message can still be downloaded.
/// </summary>
[Trait("Category", "MailServer")]
public sealed partial class LongMessageDovecotTests : IDisposable
{
    private const int PageBytes = 262_144;

    // What the page adds around the body: header, toolbar with every folder, links, layout. Measured at about 9 KB.
    private const int PageOverhead = 32_768;

    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings(new() { ["Mail:MessagePageBytes"] = PageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Kinds => ["html", "text"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task TwentyMegabyteMessage_ShownInBoundedPages_ThatTileTheBody_AndDownloadsWhole(string kind)
    {
        var account = await MailServer.Instance.CreateAccountAsync("long");
        var sent = kind == "html" ? LongMessages.Html(account.Address) : LongMessages.Text(account.Address);
        var uid = (await MailServer.Instance.AppendAsync(account, "INBOX", sent))!.Value.Id;
        var client = await _factory.SignedInAsync(account.Identifier, account.Password);
        var url = $"/courrier/message?dossier=INBOX&uid={uid}";
        var body = kind == "html" ? ".body.html" : ".body.text";

        // Page 1: bounded, says it is long, offers the rest and the whole message.
        var (first, firstBytes) = await GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.InRange(firstBytes, 1, PageBytes + PageOverhead);
        var status = Regex.Match(first.Text("#msg-long"), @"^Ce message est long : cette page en montre la partie 1 sur (\d+)\.$");
        Assert.True(status.Success, first.Text("#msg-long"));
        var pageCount = int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pageCount, 60, 160);
        var more = first.QueryAll("nav.more a").Single(a => a.TextContent == "Afficher la suite");
        Assert.Equal($"{url}&suite=2", more.GetAttribute("href"));
        var download = first.QueryAll("nav.more a").Single(a => a.TextContent == "Télécharger le message");

        // Pages follow each other: page 1 starts at the first paragraph, each next page where the previous one stopped,
        // and the last page ends with the last one and offers no « suite ».
        var shown = LongMessages.Numbers(first.Text(body));
        Assert.Equal(1, shown[0]);
        foreach (var page in new[] { 2, 3, pageCount / 2, pageCount })
        {
            var (next, nextBytes) = await GetAsync(client, $"{url}&suite={page}");
            Assert.Equal(HttpStatusCode.OK, next.Status);
            Assert.InRange(nextBytes, 1, PageBytes + PageOverhead);
            Assert.Equal($"Ce message est long : cette page en montre la partie {page} sur {pageCount}.", next.Text("#msg-long"));
            var numbers = LongMessages.Numbers(next.Text(body));
            Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
            if (page == 2)
            {
                Assert.Equal(Enumerable.Range(1, shown.Count), shown);
                Assert.Equal(shown[^1] + 1, numbers[0]);
            }
            if (page == pageCount)
            {
                Assert.Equal(LongMessages.Paragraphs, numbers[^1]);
                Assert.DoesNotContain(next.QueryAll("nav.more a"), a => a.TextContent == "Afficher la suite");
                Assert.Single(next.QueryAll("nav.more a"), a => a.TextContent == "Télécharger le message");
            }
        }

        // No such page: past the end, zero, not a number.
        foreach (var wrong in new[] { $"{pageCount + 1}", "0", "-1", "deux", "02", "9999999" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}&suite={wrong}")).StatusCode);
        }

        // « Télécharger le message »: the whole message, as a file, never as a page.
        using var file = await client.GetAsync(download.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".eml", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType?.MediaType);
        using var received = MimeMessage.Load(await file.Content.ReadAsStreamAsync());
        Assert.Equal(sent.Subject, received.Subject);
        var expected = kind == "html" ? sent.HtmlBody : sent.TextBody;
        Assert.Equal(expected!.ReplaceLineEndings("\n"), (kind == "html" ? received.HtmlBody : received.TextBody)!.ReplaceLineEndings("\n"));
    }

    private static async Task<(HtmlPage Page, long Bytes)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        return (await HtmlPage.LoadAsync(response), bytes);
    }
}

using System.Net;
using MimeKit;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ListForms;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// « Non lus seulement », « Avec pièce jointe », « Tout sélectionner » and « Tout marquer comme lu » through the pages,
/// without JavaScript, in the practice mailbox and on the real Dovecot.
/// </summary>
public sealed class ListBasicsPagesTests : IDisposable
{
    private readonly WebmailFactory _practice = PracticeFactory.Create();

    public void Dispose() => _practice.Dispose();

    private static async Task<HtmlPage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnreadOnly_ListsOnlyUnreadMessages_SaysSoInTheCaption_AndKeepsTheFilterAcrossAnAction()
    {
        var client = await _practice.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var unreadLink = inbox.QueryAll(".filters nav a").Single(a => a.TextContent == "Non lus seulement");

        var unread = await HtmlPage.GetAsync(client, unreadLink.GetAttribute("href")!);

        Assert.Equal("/courrier?filtre=non-lus", unreadLink.GetAttribute("href"));
        Assert.Equal("page", unread.QueryAll(".filters nav a").Single(a => a.TextContent == "Non lus seulement").GetAttribute("aria-current"));
        var rows = unread.QueryAll("#liste tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("u", row.ClassList));
        // The folder list's count (« 12 non lus ») is the filtered list's size.
        var folderUnread = int.Parse(System.Text.RegularExpressions.Regex.Match(inbox.Text("#dossiers a[aria-current] + .n"), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"^Boîte de réception, non lus seulement : {folderUnread} messages?, page 1 sur 1$", unread.Text("caption"));

        // Marking one read from the filtered list comes back to the filtered list, where it is no longer shown.
        var first = Subjects(unread)[0];
        Tick(unread, first);
        var after = await FollowAsync(client, await PressAsync(client, unread, "lu"));

        Assert.Equal("/courrier?filtre=non-lus", after.Response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.DoesNotContain(first, Subjects(after));
        Assert.Equal(rows.Length - 1, after.QueryAll("#liste tbody tr").Length);
    }

    [Fact]
    public async Task WithAttachments_ListsOnlyMessagesMarkedWithAnAttachment()
    {
        var client = await _practice.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, "/courrier?filtre=pieces-jointes");

        var rows = page.QueryAll("#liste tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("Pièce jointe", row.QuerySelector("th")!.TextContent));
        Assert.StartsWith("Boîte de réception, avec pièce jointe : ", page.Text("caption"));
    }

    [Fact]
    public async Task SelectAll_WithoutJavaScript_TicksEveryBoxOfThePage_ThenOffersToUntick()
    {
        var client = await _practice.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier?tri=objet");
        var link = inbox.Query(".bulk .all a")!;

        var ticked = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);

        Assert.Equal("Tout sélectionner", link.TextContent);
        Assert.Equal("/courrier?tri=objet&tout=1", link.GetAttribute("href"));
        var boxes = ticked.QueryAll("#liste tbody input[type=checkbox]");
        Assert.Equal(25, boxes.Length);
        Assert.All(boxes, box => Assert.True(box.HasAttribute("checked")));
        Assert.Equal(Subjects(inbox), Subjects(ticked));
        var untick = ticked.Query(".bulk .all a")!;
        Assert.Equal("Tout désélectionner", untick.TextContent);
        Assert.Equal("/courrier?tri=objet", untick.GetAttribute("href"));
        // The toolbar is in the same form: one press acts on the 25.
        var marked = await FollowAsync(client, await PressAsync(client, ticked, "lu"));
        Assert.Empty(marked.QueryAll("#liste tbody tr.u"));
    }

    [Fact]
    public async Task MarkAllRead_ConfirmationCountsTheUnread_ThenEveryOneIsRead()
    {
        var client = await _practice.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var link = inbox.QueryAll(".filters a").Single(a => a.TextContent == "Tout marquer comme lu");

        var confirm = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
        var unread = int.Parse(System.Text.RegularExpressions.Regex.Match(confirm.Text("main form button"), @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        var done = await FollowAsync(client, await SubmitAsync(client, confirm, "main form"));

        Assert.Equal("/courrier/tout-lu", link.GetAttribute("href"));
        Assert.Equal("Tout marquer comme lu dans « Boîte de réception » ?", confirm.Text("h1"));
        Assert.Equal($"Les {unread} messages non lus du dossier « Boîte de réception » seront marqués comme lus.", confirm.Text("main p"));
        Assert.Equal("Non, revenir à « Boîte de réception »", confirm.Text("main form a"));
        Assert.Equal($"Dossier « Boîte de réception » : {unread} messages marqués comme lus.", done.Text("#statut .banner"));
        Assert.Empty(done.QueryAll("#liste tbody tr.u"));
        Assert.DoesNotContain(done.QueryAll(".filters a"), a => a.TextContent == "Tout marquer comme lu");
        var again = await HtmlPage.GetAsync(client, "/courrier/tout-lu");
        Assert.Equal("Aucun message non lu dans « Boîte de réception »", again.Text("h1"));
        Assert.Null(again.Query("main form"));
    }

    [Fact]
    public async Task MarkAllRead_UnknownFolder_IsNotFound()
    {
        var client = await _practice.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var response = await client.GetAsync("/courrier/tout-lu?dossier=Inexistant");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    [Trait("Category", "MailServer")]
    public async Task OnDovecot_UnreadFilter_AndMarkAllRead_MailArrivingAfterTheConfirmationStaysUnread()
    {
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings());
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("toutlu");
        MimeMessage Letter(string subject, int day) =>
            new([new MailboxAddress("Vie scolaire", "vie.scolaire@ac-test.fr")], [MailboxAddress.Parse(account.Address)], subject, new TextPart("plain") { Text = "Bonjour." })
            {
                Date = new DateTimeOffset(2026, 3, day, 9, 0, 0, TimeSpan.FromHours(1)),
            };
        await server.AppendAsync(account, "INBOX", Letter("Circulaire rentrée", 1));
        await server.AppendAsync(account, "INBOX", Letter("Déjà lue", 2), seen: true);
        await server.AppendAsync(account, "INBOX", Letter("Circulaire examens", 3));
        var client = await factory.SignedInAsync(account.Identifier, account.Password);

        var unread = await HtmlPage.GetAsync(client, "/courrier?filtre=non-lus");
        var confirm = await HtmlPage.GetAsync(client, "/courrier/tout-lu");
        await server.AppendAsync(account, "INBOX", Letter("Arrivée pendant la confirmation", 4));
        var done = await FollowAsync(client, await SubmitAsync(client, confirm, "main form"));

        Assert.Equal(["Circulaire examens", "Circulaire rentrée"], Subjects(unread));
        Assert.Equal("Boîte de réception, non lus seulement : 2 messages, page 1 sur 1", unread.Text("caption"));
        Assert.Equal("Oui, marquer les 2 messages comme lus", confirm.Text("main form button"));
        Assert.Equal("Dossier « Boîte de réception » : 2 messages marqués comme lus.", done.Text("#statut .banner"));
        Assert.Equal(["Arrivée pendant la confirmation"], done.QueryAll("#liste tbody tr.u a").Select(a => a.TextContent));
    }
}

using System.Net;
using WebmailLite.Tests.Browser;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>« Préférences » on the real Dovecot: the page size of the list and of search, and HTML mail read as text.</summary>
[Trait("Category", "MailServer")]
public sealed class PreferencesDovecotTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    private static int Rows(HtmlPage list) => list.QueryAll("#liste tbody tr").Length;

    private static async Task SaveAsync(HttpClient client, Dictionary<string, string> values)
    {
        var form = await HtmlPage.GetAsync(client, "/parametres/preferences");
        var response = await form.SubmitAsync(client, "main form", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task PageSize50_ChangesTheListAndSearchAtOnce()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("prefs-taille");
        await server.AppendManyAsync(account, TestMessages.Many(account, 60));
        var client = await _factory.SignedInAsync(account.Identifier, account.Password);
        const string search = "/courrier/recherche?q=r%C3%A9union&texte=1"; // In the text too: every body has it.
        Assert.Equal(25, Rows(await HtmlPage.GetAsync(client, "/courrier")));
        Assert.Equal(25, Rows(await HtmlPage.GetAsync(client, search)));

        await SaveAsync(client, new() { ["Input.PageSize"] = "50" });

        var list = await HtmlPage.GetAsync(client, "/courrier");
        Assert.Equal(50, Rows(list));
        Assert.Equal("Page 1 sur 2", list.Text("nav.pager p"));
        Assert.Equal(50, Rows(await HtmlPage.GetAsync(client, search)));
        Assert.Equal(10, Rows(await HtmlPage.GetAsync(client, "/courrier?page=2")));
    }

    [Fact]
    public async Task HtmlAsText_TheHtmlMessageIsShownAsItsText()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("prefs-texte");
        var uid = await server.AppendAsync(account, "INBOX", TestMessages.HtmlOnly(account));
        var client = await _factory.SignedInAsync(account.Identifier, account.Password);
        var url = $"/courrier/message?dossier=INBOX&uid={uid!.Value.Id}";
        Assert.NotNull((await HtmlPage.GetAsync(client, url)).Query(".body.html table"));

        await SaveAsync(client, new() { ["Input.HtmlAsText"] = "true" });
        var page = await HtmlPage.GetAsync(client, url);

        Assert.Null(page.Query(".body.html"));
        Assert.Contains("musée d'Orsay", page.Text(".body.text"));
        Assert.DoesNotContain("suivi.example.com", page.Html);
    }
}

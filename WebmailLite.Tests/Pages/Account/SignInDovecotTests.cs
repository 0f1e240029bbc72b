using System.Net;
using MimeKit;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Account;

/// <summary>Sign-in and reading against the real Dovecot on loopback.</summary>
[Trait("Category", "MailServer")]
public sealed class SignInDovecotTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RightPassword_OpensTheInbox_WithTheServersMessages()
    {
        var account = await MailServer.Instance.CreateAccountAsync("signin");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Hélène Dubois", "helene.dubois@ac-test.fr"));
        message.To.Add(MailboxAddress.Parse(account.Address));
        message.Subject = "Conseil pédagogique : ordre du jour";
        message.Body = new TextPart("plain") { Text = "Première question : l'accompagnement personnalisé." };
        await MailServer.Instance.AppendAsync(account, "INBOX", message);

        var client = await _factory.SignedInAsync(account.Identifier, account.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var read = await HtmlPage.GetAsync(client, inbox.Query("tbody a")!.GetAttribute("href")!);

        Assert.Equal("Conseil pédagogique : ordre du jour", inbox.Text("tbody a"));
        Assert.Contains(inbox.QueryAll("tbody td"), td => td.TextContent == "Hélène Dubois");
        Assert.Equal("Conseil pédagogique : ordre du jour", read.Text("h1"));
        Assert.Contains("Première question : l'accompagnement personnalisé.", read.Text(".body"));
    }

    [Fact]
    public async Task WrongPassword_AndUnknownAccount_GiveTheSameMessage()
    {
        var account = await MailServer.Instance.CreateAccountAsync("signin");

        var wrong = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync(account.Identifier, "pas-le-bon"));
        var unknown = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync("inconnu-" + Guid.NewGuid().ToString("N")[..8], "pas-le-bon"));

        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.StartsWith("L'identifiant académique ou le mot de passe est incorrect.", wrong.Text(".err-sum li"));
        Assert.Equal(wrong.Text(".err-sum"), unknown.Text(".err-sum"));
        Assert.Equal(wrong.Text("#Input_Identifier-error"), unknown.Text("#Input_Identifier-error"));
    }

    [Fact]
    public async Task MailServiceUnreachable_SaysSoInPlainFrench_WithoutAStackTrace()
    {
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new() { ["Mail:Imap:Port"] = "1" }));

        var page = await HtmlPage.LoadAsync(await factory.NewClient().SignInAsync("quelquun", "un-mot-de-passe"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Erreur : ", page.Title);
        Assert.StartsWith("Le service de messagerie ne répond pas.", page.Text(".err-sum li"));
        Assert.DoesNotContain("Exception", page.Html);
    }

    [Fact]
    public async Task MailServiceSilent_TimesOutAndSaysSo()
    {
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new()
        {
            ["Mail:Imap:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Timeout"] = "00:00:01",
        }));

        var page = await HtmlPage.LoadAsync(await factory.NewClient().SignInAsync("quelquun", "un-mot-de-passe"));

        Assert.StartsWith("Le service de messagerie ne répond pas.", page.Text(".err-sum li"));
    }

    [Fact]
    public async Task Maintenance_BannerShownBeforeAnyoneTypes_AndNamedInTheUnavailableError()
    {
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new()
        {
            ["Mail:Imap:Port"] = "1",
            ["Maintenance:Message"] = "Mise à jour du serveur de messagerie.",
            ["Maintenance:Until"] = DateTimeOffset.UtcNow.AddHours(2).ToString("O"),
        }));
        var client = factory.NewClient();

        var before = await HtmlPage.GetAsync(client, "/");
        var after = await HtmlPage.LoadAsync(await client.SignInAsync("quelquun", "un-mot-de-passe"));

        Assert.Contains("Mise à jour du serveur de messagerie.", before.Text("section.banner"));
        Assert.Contains("Fin prévue :", before.Text("section.banner"));
        Assert.StartsWith("Le service de messagerie ne répond pas : il est en maintenance.", after.Text(".err-sum li"));
    }

    [Fact]
    public async Task Maintenance_PastItsPlannedEnd_NoBanner()
    {
        using var factory = new WebmailFactory(new Dictionary<string, string?>
        {
            ["Maintenance:Message"] = "Mise à jour terminée.",
            ["Maintenance:Until"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
        });

        var page = await HtmlPage.GetAsync(factory.NewClient(), "/");

        Assert.Null(page.Query("section.banner"));
    }
}

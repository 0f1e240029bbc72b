using System.Globalization;
using System.Net;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// The mail server goes away while someone is signed in: a plain-language page, never a stack trace; and a
/// password changed elsewhere ends the session with the « session expirée » notice. The app talks to Dovecot
/// through a relay the test can cut, so no other test sees the outage.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class MailServiceLostTests
{
    private static Dictionary<string, string?> Through(DroppingProxy proxy) => WebmailFactory.DovecotSettings(new()
    {
        ["Mail:Imap:Port"] = proxy.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Timeout"] = "00:00:03",
    });

    [Fact]
    public async Task ServerGoneMidSession_PageSaysTheServiceIsNotResponding_With503()
    {
        var account = await MailServer.Instance.CreateAccountAsync("lost");
        var proxy = DroppingProxy.Start(MailServer.Instance.ImapHost, MailServer.Instance.ImapPort);
        using var factory = new WebmailFactory(Through(proxy));
        var client = await factory.SignedInAsync(account.Identifier, account.Password);

        await proxy.DisposeAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier?dossier=Sent");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("Le service de messagerie ne répond pas", page.Text("h1"));
        Assert.Equal("/courrier?dossier=Sent", page.Query("main a")!.GetAttribute("href"));
        Assert.DoesNotContain("Exception", page.Html);
        Assert.True(page.Response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task PasswordChangedElsewhere_SessionEnds_WithTheExpiredNotice()
    {
        var account = await MailServer.Instance.CreateAccountAsync("changed");
        await using var proxy = DroppingProxy.Start(MailServer.Instance.ImapHost, MailServer.Instance.ImapPort);
        using var factory = new WebmailFactory(Through(proxy));
        var client = await factory.SignedInAsync(account.Identifier, account.Password);

        await MailServer.Instance.SetPasswordAsync(account, "Nouveau-mot-de-passe-2026");
        proxy.CutAll();
        var response = await client.GetAsync("/courrier");
        var again = await client.GetAsync("/courrier");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?session=expiree", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/?", again.Headers.Location?.OriginalString);
    }
}

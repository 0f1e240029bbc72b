using System.Net;
using MimeKit;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>A Dovecot restart between two clicks is invisible to the person: the session reconnects.</summary>
[Collection(MailServerDisruptionCollection.Name)]
[Trait("Category", "MailServer")]
public sealed class DovecotRestartTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task DovecotRestartedBetweenTwoClicks_NextPageStillWorks()
    {
        var account = await MailServer.Instance.CreateAccountAsync("restart");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Rectorat", "rectorat@ac-test.fr"));
        message.To.Add(MailboxAddress.Parse(account.Address));
        message.Subject = "Note de service";
        message.Body = new TextPart("plain") { Text = "Calendrier des congés." };
        await MailServer.Instance.AppendAsync(account, "INBOX", message);
        var client = await _factory.SignedInAsync(account.Identifier, account.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier")).StatusCode);

        await MailServer.Instance.RestartDovecotAsync();
        var page = await HtmlPage.GetAsync(client, "/courrier");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Note de service", page.Text("tbody a"));
    }
}

using System.Net;
using WebmailLite.Tests.Infrastructure;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Contacts;

/// <summary>Against the real Postfix and Dovecot: a recipient of a message that left is suggested the next time.</summary>
[Trait("Category", "MailServer")]
public sealed class ContactsDovecotTests : IDisposable
{
    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SentMessage_Delivered_RecipientSuggestedNextTime_RefusedOneNot()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("contacts-expediteur", "contacts-destinataire");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var subject = "Réunion parents-professeurs " + Guid.NewGuid().ToString("N")[..6];

        var response = await PostAsync(await OpenAsync(client), client, new()
        {
            ["Input.To"] = $"Élodie Petit <{recipient.Address}>",
            ["Input.Subject"] = subject,
            ["Input.Body"] = "Bonjour",
        });
        await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        var next = await OpenAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([$"Élodie Petit <{recipient.Address}>"], next.QueryAll("datalist#recipients option").Select(o => o.GetAttribute("value")));
        Assert.Equal("recipients", next.Query("#Input_Cc")!.GetAttribute("list"));
    }
}

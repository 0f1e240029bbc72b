using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Mail.Outbox;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// The same compose form posted again (double click, « Renvoyer le formulaire », the back button, several at once)
/// leaves once, through the real Postfix into the real Dovecot, and every repeated post lands where the message is.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class ComposeOnceTests(ITestOutputHelper output) : IDisposable
{
    private const string AlreadySent = "Ce message était déjà parti : il n'a pas été envoyé une seconde fois.";

    private readonly WebmailFactory _factory = new(WebmailFactory.DovecotSettings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SameForm_PostedTwiceThenThreeAtOnce_DeliveredOnce_RepeatsLandOnTheListSayingItHadLeft()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("deux-fois", "recoit-une-fois");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var twice = "Sortie au musée : rappel " + Guid.NewGuid().ToString("N")[..6];
        var thrice = "Conseil de classe de 3e A " + Guid.NewGuid().ToString("N")[..6];

        // One form, posted, then posted again as the back button or « Renvoyer le formulaire » would.
        var form = await OpenAsync(client);
        var values = new Dictionary<string, string> { ["Input.To"] = recipient.Address, ["Input.Subject"] = twice, ["Input.Body"] = "Départ 8 h 15." };
        var first = await PostAsync(form, client, values);
        var second = await PostAsync(form, client, values);
        // Read at once: the banner is one-shot (TempData), and the posts below set their own.
        var landing = await HtmlPage.GetAsync(client, second.Headers.Location!.OriginalString);

        // Another form, posted three times at once (a triple click on a slow link).
        var other = await OpenAsync(client);
        var otherValues = new Dictionary<string, string> { ["Input.To"] = recipient.Address, ["Input.Subject"] = thrice, ["Input.Body"] = "Jeudi 17 h." };
        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(other, client, otherValues)));

        await MailServer.Instance.WaitForMessageAsync(recipient, twice);
        await MailServer.Instance.WaitForMessageAsync(recipient, thrice);
        // Time for any second copy to come through Postfix and LMTP.
        await Task.Delay(1500);
        var counts = (Twice: await CountAsync(recipient, twice), Thrice: await CountAsync(recipient, thrice),
            SentTwice: await CountAsync(sender, twice, "Sent"), SentThrice: await CountAsync(sender, thrice, "Sent"));
        output.WriteLine($"Copies delivered: form posted 2× in a row → {counts.Twice}, form posted 3× at once → {counts.Thrice}; " +
                         $"copies in Envoyés: {counts.SentTwice}, {counts.SentThrice}");
        Assert.Equal((1, 1, 1, 1), counts);

        // Every post answers with a redirect to the list; the repeated one says the message had left, with a link to Envoyés.
        Assert.All(together.Append(first).Append(second), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(together.Append(first).Append(second), r => Assert.Equal("/courrier", r.Headers.Location!.OriginalString));
        Assert.Equal(AlreadySent, landing.Text(".banner.ok[role=status] p"));
        Assert.Equal("/courrier?dossier=Sent", landing.Query(".banner.ok a")!.GetAttribute("href"));
        Assert.Equal(0, _factory.Services.GetRequiredService<IOutboxStore>().CountFor(sender.Identifier));
    }

    [Fact]
    public async Task FormRefusedForGood_ComesBack_TheCorrectedFormIsSentOnce()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("corrige", "corrige-dest");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await _factory.SignedInAsync(sender.Identifier, sender.Password);
        var subject = "Liste des délégués " + Guid.NewGuid().ToString("N")[..6];
        var form = await OpenAsync(client);

        var refused = await HtmlPage.LoadAsync(await PostAsync(form, client, new()
        {
            ["Input.To"] = "refus-definitif@" + MailServer.Instance.Domain,
            ["Input.Subject"] = subject,
        }));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        // The refusal released the form: corrected, the same form (same id) is sent, once.
        Assert.Equal(form.Query("input[name='Input.FormId']")!.GetAttribute("value"), refused.Query("input[name='Input.FormId']")!.GetAttribute("value"));
        var sent = await PostAsync(refused, client, new() { ["Input.To"] = recipient.Address });
        var again = await PostAsync(refused, client, new() { ["Input.To"] = recipient.Address });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        await Task.Delay(1000);
        Assert.Equal(1, await CountAsync(recipient, subject));
    }
}

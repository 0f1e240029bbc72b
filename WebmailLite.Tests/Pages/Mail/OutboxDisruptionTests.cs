using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebmailLite.Mail.Outbox;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// Postfix stopped while people send: the messages wait in the outbox, then leave exactly once when it is back, also
/// when the app was restarted in between (and the person signed in again, the password being kept nowhere).
/// </summary>
[Collection(MailServerDisruptionCollection.Name)]
[Trait("Category", "MailServer")]
public sealed class OutboxDisruptionTests(ITestOutputHelper output)
{
    // Quick retries so the tests take seconds; the lease short enough that a crashed attempt is taken over in the test.
    private static Dictionary<string, string?> Settings() => WebmailFactory.DovecotSettings(new()
    {
        ["Mail:Outbox:RetryMin"] = "00:00:00.500",
        ["Mail:Outbox:RetryMax"] = "00:00:01",
        ["Mail:Outbox:PollInterval"] = "00:00:00.250",
        ["Mail:Outbox:Lease"] = "00:00:03",
    });

    [Fact]
    public async Task SmtpDown_MessageWaitsInTheOutboxWithTheReason_ThenLeavesExactlyOnce()
    {
        using var factory = new WebmailFactory(Settings());
        var accounts = await MailServer.Instance.CreateAccountsAsync("attente", "recoit");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await factory.SignedInAsync(sender.Identifier, sender.Password);
        var subject = "Convocation au conseil pédagogique " + Guid.NewGuid().ToString("N")[..6];
        var file = RandomFile("convocation.pdf", "application/pdf", 40_000);
        var page = await OpenAsync(client);

        await MailServer.Instance.StopSmtpAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var response = await PostAsync(page, client, new()
            {
                ["Input.To"] = recipient.Address,
                ["Input.Subject"] = subject,
                ["Input.Body"] = "Réunion jeudi à 17 h 15.",
            }, file);
            watch.Stop();
            output.WriteLine($"Send with SMTP down (connection refused), outbox path: {watch.ElapsedMilliseconds} ms");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/courrier/attente", response.Headers.Location!.OriginalString);
            var outbox = await HtmlPage.GetAsync(client, "/courrier/attente");
            Assert.Equal("Votre message n'est pas encore parti : Le serveur d'envoi ne répond pas. Il attend dans « En attente d'envoi » et partira tout seul, sans rien perdre.", outbox.Text(".banner.ok p"));
            Assert.Contains("Votre mot de passe n'est jamais enregistré", outbox.Text(".list"));
            var row = outbox.Query("table.outbox tbody tr")!;
            Assert.Contains(subject, row.TextContent);
            Assert.Contains(recipient.Identifier, row.TextContent);
            Assert.Contains("Le serveur d'envoi ne répond pas.", row.TextContent);
            Assert.Equal("1 message", outbox.Text("nav.folders a[href='/courrier/attente'] + .n"));
            // The inbox's folder list links to it too.
            Assert.NotNull((await HtmlPage.GetAsync(client, "/courrier")).Query("nav.folders a[href='/courrier/attente']"));

            // Retried in the background while Postfix is down: still waiting, never lost.
            await Task.Delay(2000);
            var item = Assert.Single(factory.Services.GetRequiredService<OutboxStore>().ListFor(sender.Identifier));
            output.WriteLine($"Attempts while SMTP was down: {item.Attempts}");
            Assert.True(item.Attempts >= 2, $"only {item.Attempts} attempt(s) in 2 s");
            // Waiting between attempts, or caught in the middle of one: never accepted, refused or gone.
            Assert.Contains(item.State, new[] { OutboxState.Waiting, OutboxState.Sending });
        }
        finally
        {
            await MailServer.Instance.StartSmtpAsync();
        }

        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal(file.Content, Decode(delivered.Attachments.OfType<MimePart>().Single()));
        await WaitUntilOutboxEmptyAsync(factory, sender.Identifier);
        // Several more passes of the worker: nothing leaves a second time.
        await Task.Delay(1500);
        Assert.Equal(1, await CountAsync(recipient, subject));
        Assert.Equal(1, await CountAsync(sender, subject, "Sent"));
        var after = await HtmlPage.GetAsync(client, "/courrier/attente");
        Assert.Equal("Aucun message n'attend d'être envoyé.", after.Text(".list p"));
    }

    [Fact]
    public async Task SmtpDown_AppRestarted_SentOnceAfterSigningInAgain_AlsoAnAttemptCutOffMidSend()
    {
        var storage = Directory.CreateTempSubdirectory("webmaillite-restart-").FullName;
        try
        {
            var accounts = await MailServer.Instance.CreateAccountsAsync("redemarre", "destinataire");
            var (sender, recipient) = (accounts[0], accounts[1]);
            var queued = "Emploi du temps modifié " + Guid.NewGuid().ToString("N")[..6];
            var interrupted = "Remplacement en 5e C " + Guid.NewGuid().ToString("N")[..6];

            using (var first = new WebmailFactory(Settings(), storageFolder: storage))
            {
                var client = await first.SignedInAsync(sender.Identifier, sender.Password);
                var page = await OpenAsync(client);
                await MailServer.Instance.StopSmtpAsync();
                try
                {
                    var response = await PostAsync(page, client, new() { ["Input.To"] = recipient.Address, ["Input.Subject"] = queued });
                    Assert.Equal("/courrier/attente", response.Headers.Location!.OriginalString);
                }
                finally
                {
                    await MailServer.Instance.StartSmtpAsync();
                }

                // A send cut off by a crash: left « being sent » under the lease of a process that no longer exists.
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse(sender.Address));
                message.To.Add(MailboxAddress.Parse(recipient.Address));
                message.Subject = interrupted;
                message.MessageId = Guid.NewGuid().ToString("N") + "@ac-test.fr";
                message.Body = new TextPart("plain") { Text = "M. Girard remplace Mme Martin jeudi." };
                using var source = new MemoryStream();
                message.WriteTo(source);
                first.Services.GetRequiredService<OutboxStore>().Add(sender.Identifier, message, source.ToArray(), "app-crashed", TimeSpan.FromSeconds(3));
            }

            // The app is back, Postfix too, but nobody has signed in: no password, so nothing can leave.
            using var second = new WebmailFactory(Settings(), storageFolder: storage);
            _ = second.Server;
            await Task.Delay(1500);
            Assert.Equal(0, await CountAsync(recipient, queued));
            Assert.Equal(2, second.Services.GetRequiredService<OutboxStore>().CountFor(sender.Identifier));

            var again = await second.SignedInAsync(sender.Identifier, sender.Password);
            var outbox = await HtmlPage.GetAsync(again, "/courrier/attente");
            output.WriteLine("Outbox after restart: " + outbox.Text("table.outbox tbody"));

            await MailServer.Instance.WaitForMessageAsync(recipient, queued);
            await MailServer.Instance.WaitForMessageAsync(recipient, interrupted);
            await WaitUntilOutboxEmptyAsync(second, sender.Identifier);
            await Task.Delay(1500);
            Assert.Equal(1, await CountAsync(recipient, queued));
            Assert.Equal(1, await CountAsync(recipient, interrupted));
            Assert.Equal(1, await CountAsync(sender, queued, "Sent"));
            Assert.Equal(1, await CountAsync(sender, interrupted, "Sent"));
        }
        finally
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    /// <summary>Queued while Postfix was down, then refused for good (5xx) when it came back: kept, explained, taken back.</summary>
    [Fact]
    public async Task RefusedInTheBackground_ShownWithTheReason_TakenBackIntoTheForm_CorrectedAndSent()
    {
        using var factory = new WebmailFactory(Settings());
        var accounts = await MailServer.Instance.CreateAccountsAsync("reprend", "reprend-dest");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var client = await factory.SignedInAsync(sender.Identifier, sender.Password);
        var subject = "Liste des élèves de 4e B " + Guid.NewGuid().ToString("N")[..6];
        var file = RandomFile("liste 4e B.csv", "text/csv", 2000);
        var page = await OpenAsync(client);

        await MailServer.Instance.StopSmtpAsync();
        try
        {
            var response = await PostAsync(page, client, new()
            {
                ["Input.To"] = "refus-definitif@" + MailServer.Instance.Domain,
                ["Input.Subject"] = subject,
                ["Input.Body"] = "Voici la liste.",
            }, file);
            Assert.Equal("/courrier/attente", response.Headers.Location!.OriginalString);
        }
        finally
        {
            await MailServer.Instance.StartSmtpAsync();
        }

        var store = factory.Services.GetRequiredService<OutboxStore>();
        var watch = Stopwatch.StartNew();
        while (store.ListFor(sender.Identifier).Single().State != OutboxState.Refused)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "never refused");
            await Task.Delay(100);
        }
        var outbox = await HtmlPage.GetAsync(client, "/courrier/attente");
        var row = outbox.Query("table.outbox tbody tr")!;
        Assert.Contains("Refusé par le serveur de messagerie.", row.TextContent);
        Assert.Contains("Adresse inconnue", row.TextContent);
        var resume = row.QuerySelector("a")!;
        Assert.Equal($"Reprendre « {subject} » pour le corriger", resume.TextContent);

        var form = await OpenAsync(client, resume.GetAttribute("href")!);
        Assert.Contains("avait été refusé", form.Text(".banner.warn"));
        Assert.Equal("refus-definitif@ac-test.fr", form.Query("#Input_To")!.GetAttribute("value"));
        Assert.Equal(subject, form.Query("#Input_Subject")!.GetAttribute("value"));
        Assert.Equal(["Retirer « liste 4e B.csv » (2 Ko)"], form.QueryAll(".atts li label").Select(l => l.TextContent));

        var sent = await PostAsync(form, client, new() { ["Input.To"] = recipient.Address });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = await MailServer.Instance.WaitForMessageAsync(recipient, subject);
        Assert.Equal(file.Content, Decode(delivered.Attachments.OfType<MimePart>().Single()));
        Assert.Equal(0, store.CountFor(sender.Identifier));
    }

    [Fact]
    public async Task TimeToSend_DirectAndThroughTheOutbox()
    {
        using var factory = new WebmailFactory(Settings());
        var accounts = await MailServer.Instance.CreateAccountsAsync("mesure", "mesure-dest");
        var client = await factory.SignedInAsync(accounts[0].Identifier, accounts[0].Password);

        async Task<long> SendOnceAsync(string subject)
        {
            var page = await OpenAsync(client);
            var watch = Stopwatch.StartNew();
            var response = await PostAsync(page, client, new() { ["Input.To"] = accounts[1].Address, ["Input.Subject"] = subject, ["Input.Body"] = "Texte court." });
            watch.Stop();
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return watch.ElapsedMilliseconds;
        }

        await SendOnceAsync("échauffement"); // JIT, first SMTP connection
        var direct = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            direct.Add(await SendOnceAsync("direct " + i));
        }
        var queued = new List<long>();
        await MailServer.Instance.StopSmtpAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                queued.Add(await SendOnceAsync("en attente " + i));
            }
        }
        finally
        {
            await MailServer.Instance.StartSmtpAsync();
        }

        output.WriteLine($"POST « Envoyer » → redirect, plain text, median of 5: direct {Median(direct)} ms ({string.Join(", ", direct)}); " +
                         $"SMTP down (refused) → outbox {Median(queued)} ms ({string.Join(", ", queued)})");
        await WaitUntilOutboxEmptyAsync(factory, accounts[0].Identifier);
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task WaitUntilOutboxEmptyAsync(WebmailFactory factory, string identifier)
    {
        var store = factory.Services.GetRequiredService<OutboxStore>();
        var watch = Stopwatch.StartNew();
        while (store.CountFor(identifier) > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the outbox did not empty within 20 s");
            await Task.Delay(100);
        }
    }
}

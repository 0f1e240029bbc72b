using System.Net;
using System.Net.Sockets;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static WebmailLite.Tests.Pages.Mail.ComposeMail;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// <c>kill -9</c> of the app while « Enregistrer le brouillon » and « Envoyer » write several megabytes to LiteDB (files
/// received, the outbox's copy of the message): the app starts again on the same file, and nothing it had acknowledged
/// to the person is lost — the draft saved is in Brouillons, the message it said was waiting leaves once.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int FileBytes = 4 * 1024 * 1024;

    private readonly DirectoryInfo _storage = Directory.CreateTempSubdirectory("webmaillite-crash-");

    public void Dispose() => _storage.Delete(recursive: true);

    [Fact]
    public async Task KilledWhileSavingADraftAndSending_RestartsOnTheSameFile_LosesNothingAcknowledged()
    {
        var accounts = await MailServer.Instance.CreateAccountsAsync("crash", "crash-dest");
        var (person, recipient) = (accounts[0], accounts[1]);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (draftSubject, waitingSubject, inFlightSubject, inFlightDraft) =
            ($"Brouillon acquis {tag}", $"Message en attente {tag}", $"Envoi coupé {tag}", $"Brouillon coupé {tag}");

        // First life: the submission server unreachable, so « Envoyer » leaves the message waiting in the outbox. Its
        // background retries are an hour apart: a kill in the middle of one would leave the message « being sent », which
        // the second life rightly hands to the person rather than sending (a different test, OutboxDisruptionTests).
        using (var first = await StartAsync(smtpPort: UnusedPort(), pollInterval: "01:00:00"))
        {
            using var client = first.NewClient();
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(person.Identifier, person.Password, "Personal")).StatusCode);

            var saved = await SaveDraftAsync(await OpenAsync(client), client, new() { ["Input.Subject"] = draftSubject, ["Input.Body"] = "Acquis." });
            Assert.StartsWith("/courrier/ecrire?brouillon=", saved.Headers.Location?.OriginalString);
            var waiting = await PostAsync(await OpenAsync(client), client, new() { ["Input.To"] = recipient.Address, ["Input.Subject"] = waitingSubject, ["Input.Body"] = "Acquis." });
            Assert.Equal("/courrier/attente", waiting.Headers.Location?.OriginalString);

            // Two big posts under way, then kill -9 as soon as LiteDB's log file shows them being written.
            var sending = PostAsync(await OpenAsync(client), client, new() { ["Input.To"] = recipient.Address, ["Input.Subject"] = inFlightSubject, ["Input.Body"] = "Coupé." }, RandomFile("releve.pdf", "application/pdf", FileBytes));
            var drafting = SaveDraftAsync(await OpenAsync(client), client, new() { ["Input.Subject"] = inFlightDraft, ["Input.Body"] = "Coupé." }, RandomFile("photo.jpg", "image/jpeg", FileBytes));
            var logSize = await WaitForLogGrowthAsync(TimeSpan.FromSeconds(30));
            first.KillHard();
            output.WriteLine($"Killed with LiteDB's log at {logSize:N0} bytes; in-flight posts: send {await Outcome(sending)}, draft {await Outcome(drafting)}");
        }

        // Second life, same file, the submission server back.
        using var second = await StartAsync(smtpPort: MailServer.Instance.SmtpPort, pollInterval: "00:00:01");
        using var again = second.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync(person.Identifier, person.Password, "Personal")).StatusCode);
        var outbox = await HtmlPage.GetAsync(again, "/courrier/attente");
        Assert.Equal(HttpStatusCode.OK, outbox.Status);

        try
        {
            await MailServer.Instance.WaitForMessageAsync(recipient, waitingSubject, timeout: TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            output.WriteLine("The restarted app said:\n" + second.Output + "\nIts outbox page:\n" + (await HtmlPage.GetAsync(again, "/courrier/attente")).Text("main"));
            throw;
        }
        await Task.Delay(1500);
        var counts = (Waiting: await CountAsync(recipient, waitingSubject), Draft: await CountAsync(person, draftSubject, "Drafts"),
            InFlight: await CountAsync(recipient, inFlightSubject), InFlightDraft: await CountAsync(person, inFlightDraft, "Drafts"));
        output.WriteLine($"After restart: waiting message delivered {counts.Waiting}×, saved draft {counts.Draft}×, cut-off send {counts.InFlight}×, cut-off draft {counts.InFlightDraft}×");
        Assert.Equal(1, counts.Waiting);
        Assert.Equal(1, counts.Draft);
        // Never acknowledged: either outcome is honest, a duplicate is not.
        Assert.InRange(counts.InFlight, 0, 1);
        Assert.InRange(counts.InFlightDraft, 0, 1);
        Assert.DoesNotContain("LiteException", second.Output);
    }

    private async Task<AppProcess> StartAsync(int smtpPort, string pollInterval)
    {
        var settings = WebmailFactory.DovecotSettings(new()
        {
            ["Mail:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:Path"] = Path.Combine(_storage.FullName, "webmaillite.db"),
            ["Mail:Outbox:PollInterval"] = pollInterval,
            ["Mail:Outbox:RetryMin"] = "00:00:01",
            ["Mail:Outbox:RetryMax"] = "00:00:02",
        });
        var app = AppProcess.Start(AppProcess.BuildOutput(), _storage.FullName, settings);
        await app.WaitUntilListeningAsync();
        return app;
    }

    /// <summary>LiteDB writes every transaction to <c>*-log.db</c> before its checkpoint: a megabyte there is a big write under way.</summary>
    private async Task<long> WaitForLogGrowthAsync(TimeSpan limit)
    {
        var log = new FileInfo(Path.Combine(_storage.FullName, "webmaillite-log.db"));
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            log.Refresh();
            if (log.Exists && log.Length > 1024 * 1024)
            {
                return log.Length;
            }
            await Task.Delay(5);
        }
        throw new TimeoutException("LiteDB's log never passed 1 MB: the posts did not reach the database.");
    }

    private static async Task<string> Outcome(Task<HttpResponseMessage> post)
    {
        try
        {
            var response = await post;
            return $"{(int)response.StatusCode} {response.Headers.Location}";
        }
        catch (HttpRequestException e)
        {
            return "cut (" + e.HttpRequestError + ")";
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

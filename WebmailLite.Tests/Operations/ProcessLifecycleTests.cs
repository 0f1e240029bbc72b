using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Operations;

/// <summary>What the operators rely on, with the app as its own process: JSON logs for a collector, and a stop that lets running requests finish.</summary>
[Trait("Category", "MailServer")]
public sealed class ProcessLifecycleTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("webmaillite-lifecycle-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task LogsAsJson_WhenConfigured_OneObjectPerLine_NoPasswordInThem()
    {
        var account = await MailServer.Instance.CreateAccountAsync("journal");
        using var app = Start(new() { ["Logging:Console:FormatterName"] = "json" });
        await app.WaitUntilListeningAsync();
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(account.Identifier, account.Password)).StatusCode);
        await Task.Delay(300);

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
        }
        Assert.Contains(lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
        Assert.DoesNotContain(account.Password, app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopped_WhileAPageWaitsForTheMailServer_ThePageFinishes_ThenTheProcessEnds()
    {
        var account = await MailServer.Instance.CreateAccountAsync("arret");
        await using var imap = DroppingProxy.Start(MailServer.Instance.ImapHost, MailServer.Instance.ImapPort);
        using var app = Start(new() { ["Mail:Imap:Port"] = imap.Port.ToString(CultureInfo.InvariantCulture) });
        await app.WaitUntilListeningAsync();
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(account.Identifier, account.Password)).StatusCode);

        // The inbox waits for Dovecot's answer, held back; meanwhile the operator stops the app (SIGTERM).
        imap.HoldReplies();
        var inbox = client.GetAsync("/courrier");
        await Task.Delay(500);
        Assert.False(inbox.IsCompleted);
        using (var kill = Process.Start("kill", ["-TERM", app.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await Task.Delay(500);
        Assert.False(app.Process.HasExited);
        imap.LetRepliesThrough();

        using var response = await inbox;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Boîte de réception", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WaitForExitAsync());
    }

    private AppProcess Start(Dictionary<string, string?> more)
    {
        var settings = WebmailFactory.DovecotSettings(new() { ["Storage:Path"] = Path.Combine(_folder.FullName, "webmaillite.db") });
        foreach (var (key, value) in WebmailFactory.TestCostSettings.Concat(more))
        {
            settings[key] = value;
        }
        return AppProcess.Start(AppProcess.BuildOutput(), _folder.FullName, settings);
    }
}

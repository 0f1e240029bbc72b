using System.Text.Json.Nodes;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// Where the app reads its settings, and when it refuses to start: the built app started as an administrator would,
/// from another folder. A copy of the build output, so that its <c>appsettings.json</c> can carry a marker without
/// touching the real one.
/// </summary>
public sealed class AppProcessTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("webmaillite-process-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task StartedFromAnotherFolder_ReadsTheSettingsOfItsOwnFolder()
    {
        var app = CopyOfTheApp();
        const string marker = "Maintenance annoncée par le fichier de réglages";
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(app, "appsettings.json")))!;
        settings["Maintenance"]!["Message"] = marker;
        File.WriteAllText(Path.Combine(app, "appsettings.json"), settings.ToJsonString());

        using var process = Start(app, practice: true);
        await process.WaitUntilListeningAsync();
        using var client = process.NewClient();
        var signIn = await client.GetStringAsync("/");

        Assert.Contains(marker, signIn);
    }

    [Fact]
    public async Task Production_WithoutAMailServer_AndWithoutThePracticeSwitch_RefusesToStart_NamingTheKeys()
    {
        using var process = Start(CopyOfTheApp(), practice: false);

        var exitCode = await process.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Mail:Imap:Host", process.Output);
        Assert.Contains("Practice:Enabled=true", process.Output);
    }

    private string CopyOfTheApp()
    {
        var source = AppProcess.BuildOutput();
        var target = Path.Combine(_root.FullName, "app");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("data" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    private AppProcess Start(string app, bool practice)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Path"] = Path.Combine(_root.FullName, "data", "webmaillite.db"),
            ["Practice:PasswordHashIterations"] = "1000",
            ["Practice:AllowWeakHashingForTests"] = "true",
        };
        if (practice)
        {
            settings["Practice:Enabled"] = "true";
        }
        return AppProcess.Start(app, Directory.CreateDirectory(Path.Combine(_root.FullName, "elsewhere")).FullName, settings);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The app as an administrator starts it: <c>dotnet …/WebmailLite.dll</c> in its own process, in the Production
/// environment, from a folder that is not the app's. A copy of the build output, so that its <c>appsettings.json</c>
/// can carry a marker without touching the real one.
/// </summary>
public sealed partial class AppProcessTests : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("webmaillite-process-");
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task StartedFromAnotherFolder_ReadsTheSettingsOfItsOwnFolder()
    {
        var app = CopyOfTheApp();
        const string marker = "Maintenance annoncée par le fichier de réglages";
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(app, "appsettings.json")))!;
        settings["Maintenance"]!["Message"] = marker;
        File.WriteAllText(Path.Combine(app, "appsettings.json"), settings.ToJsonString());

        var process = Start(app, practice: true);
        var url = await ListeningUrlAsync(process);
        using var client = new HttpClient();
        var signIn = await client.GetStringAsync(url + "/");

        Assert.Contains(marker, signIn);
    }

    [Fact]
    public async Task Production_WithoutAMailServer_AndWithoutThePracticeSwitch_RefusesToStart_NamingTheKeys()
    {
        var process = Start(CopyOfTheApp(), practice: false);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();

        using var limit = new CancellationTokenSource(StartLimit);
        await process.WaitForExitAsync(limit.Token);
        var said = await stderr + await stdout;

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Mail:Imap:Host", said);
        Assert.Contains("Practice:Enabled=true", said);
    }

    private string CopyOfTheApp()
    {
        var target = Path.Combine(_root.FullName, "app");
        foreach (var file in Directory.EnumerateFiles(BuildOutput(), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(BuildOutput(), file);
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

    /// <summary>The app's own build output beside this test assembly's: <c>WebmailLite/bin/{Configuration}/{tfm}</c>.</summary>
    private static string BuildOutput()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (tests.Name, tests.Parent!.Name);
        var solution = tests;
        while (!File.Exists(Path.Combine(solution.FullName, "WebmailLite.sln")))
        {
            solution = solution.Parent ?? throw new InvalidOperationException("WebmailLite.sln not found above " + AppContext.BaseDirectory);
        }
        return Path.Combine(solution.FullName, "WebmailLite", "bin", configuration, framework);
    }

    private Process Start(string app, bool practice)
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root.FullName, "elsewhere")).FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(app, "WebmailLite.dll")])
        {
            WorkingDirectory = elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__Path"] = Path.Combine(_root.FullName, "data", "webmaillite.db");
        start.Environment["Practice__PasswordHashIterations"] = "1000";
        start.Environment["Practice__AllowWeakHashingForTests"] = "true";
        // Nothing inherited may choose for the app.
        foreach (var key in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "Mail__Imap__Host", "Practice__Enabled" })
        {
            start.Environment.Remove(key);
        }
        if (practice)
        {
            start.Environment["Practice__Enabled"] = "true";
        }
        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    private static async Task<string> ListeningUrlAsync(Process process)
    {
        using var limit = new CancellationTokenSource(StartLimit);
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } found)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return found.Groups[1].Value;
            }
        }
        throw new InvalidOperationException("The app stopped before listening: " + await process.StandardError.ReadToEndAsync(limit.Token));
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}

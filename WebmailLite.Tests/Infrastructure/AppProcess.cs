using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The built app in a process of its own, as an administrator starts it (<c>dotnet …/WebmailLite.dll</c>, Production,
/// from a folder that is not the app's): for what only a real process shows — where it reads its settings, how it
/// refuses to start, what a <c>kill -9</c> leaves behind. Settings are passed as environment variables.
/// </summary>
public sealed partial class AppProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process) => _process = process;

    /// <summary>Like <c>http://127.0.0.1:41234</c>, once <see cref="WaitUntilListeningAsync"/> has returned.</summary>
    public string Url { get; private set; } = "";

    public Process Process => _process;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The app's own build output beside this test assembly's: <c>WebmailLite/bin/{Configuration}/{tfm}</c>.</summary>
    public static string BuildOutput()
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

    /// <summary>Starts <c>dotnet {appFolder}/WebmailLite.dll</c> in <paramref name="workingDirectory"/> with only these settings chosen.</summary>
    public static AppProcess Start(string appFolder, string workingDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appFolder, "WebmailLite.dll")])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Nothing inherited from the test run may choose for the app.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_CONTENTROOT", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var app = new AppProcess(Process.Start(start)!);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for Kestrel's « Now listening on » line; fails with the output if the app stops first.</summary>
    public async Task<string> WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (Listening().Match(Output) is { Success: true } found)
            {
                return Url = found.Groups[1].Value;
            }
            if (_process.HasExited)
            {
                break;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"The app did not start listening (exited: {_process.HasExited}):\n{Output}");
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(StartLimit);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary><c>kill -9</c>: no shutdown, no flush, no finally block runs.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as the page tests' clients.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}

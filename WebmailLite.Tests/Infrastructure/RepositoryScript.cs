using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The repository's own scripts (scripts/mail-servers.sh, scripts/screen-reader.sh), run by test fixtures that start
/// what they need when scripts/test.sh has not, and the KEY=VALUE env files those scripts leave for the fixtures.
/// </summary>
public static class RepositoryScript
{
    /// <summary>The full path of scripts/<paramref name="name"/>.</summary>
    public static string Path(string name) => System.IO.Path.Combine(FindRepositoryRoot(), "scripts", name);

    public static Dictionary<string, string> ReadEnvFile(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0 || line.StartsWith('#'))
            {
                continue;
            }

            var value = line[(eq + 1)..].Trim();
            // The scripts write values with printf %q: plain for our paths, quoted otherwise.
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1];
            }

            values[line[..eq].Trim()] = value;
        }

        return values;
    }

    /// <summary>Runs <c>bash script command</c> with these variables added; throws with its output when it fails or outlives <paramref name="timeout"/>.</summary>
    public static async Task RunAsync(string script, string command, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(command);
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not run {script}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {command} did not finish within {timeout.TotalSeconds} s.");
        }

        // The daemons are detached from our pipes, so these complete when the script exits.
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {command} failed with exit code {process.ExitCode}:\n{output}");
        }
    }

    private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        // The test output may sit outside the repo (--artifacts-path), so also try the
        // directory this file was compiled from.
        var starts = new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? string.Empty };
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "WebmailLite.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"WebmailLite.sln not found above {string.Join(", ", starts)}; cannot locate the scripts folder.");
    }
}

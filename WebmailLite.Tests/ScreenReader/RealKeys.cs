using System.Diagnostics;
using System.Globalization;

namespace WebmailLite.Tests.ScreenReader;

/// <summary>
/// Key presses as real X events (<c>xdotool</c> on the rig's display): Orca hears them as a person's keys, so its
/// browse-mode commands (<c>h</c>, <c>t</c>, arrows) and its focus tracking work. Playwright's key events go
/// through DevTools to Chromium only, and Orca never sees them.
/// </summary>
public sealed class RealKeys(string display)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>X key names, in order: <c>Tab</c>, <c>Return</c>, <c>shift+Tab</c>, <c>space</c>, <c>Down</c>, <c>t</c>…</summary>
    public Task PressAsync(params string[] keys) => RunAsync(["key", "--clearmodifiers", "--delay", "60", .. keys]);

    /// <summary>Types text character by character, at a pace Chromium and Orca both keep up with.</summary>
    public Task TypeAsync(string text) => RunAsync(["type", "--clearmodifiers", "--delay", "40", "--", text]);

    /// <summary>
    /// One click at (<paramref name="x"/>, <paramref name="y"/>) of the screen. There is no window manager: the first
    /// click gives Chromium's page the keyboard focus (X focus follows the pointer).
    /// </summary>
    public Task ClickAsync(int x, int y) => RunAsync(["mousemove", x.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture), "click", "1"]);

    private async Task RunAsync(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("xdotool")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["DISPLAY"] = display;
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not run xdotool.");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"xdotool {string.Join(' ', startInfo.ArgumentList)} failed: {await errors}");
        }
    }
}

using System.Diagnostics;

namespace WebmailLite.Pages.Recovery;

/// <summary>
/// Answers a recovery step no sooner than <see cref="WebmailLite.Recovery.RecoveryOptions.MinimumResponseTime"/>
/// after it started. The same database writes are done whatever the identifier, but a real code also composes a
/// mail and hands it to a background sender whose work shares the CPU: measured, about 4 ms more at the median
/// (scripts/bench.sh recovery). A floor well above that hides it; a person on a phone does not notice 150 ms.
/// </summary>
public static class ResponseFloor
{
    public static async Task PadAsync(long startedAt, TimeSpan floor)
    {
        var left = floor - Stopwatch.GetElapsedTime(startedAt);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }
}

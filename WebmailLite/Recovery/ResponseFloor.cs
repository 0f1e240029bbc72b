using System.Diagnostics;

namespace WebmailLite.Recovery;

/// <summary>
/// Answers a recovery step no sooner than <see cref="RecoveryOptions.MinimumResponseTime"/> after it started. The same
/// database writes are done whatever the identifier, but a real code also composes a mail and hands it to a background
/// sender whose work shares the CPU: measured, about 4 ms more at the median (scripts/bench.sh recovery). A floor well
/// above that hides it; a person on a phone does not notice 150 ms.
/// </summary>
/// <remarks>Applied by <see cref="RecoveryService"/> itself around each step that may send a code, so that no page can forget it.</remarks>
public static class ResponseFloor
{
    public static async Task<T> ApplyAsync<T>(TimeSpan floor, Func<Task<T>> step)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await step();
        var left = floor - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
        return result;
    }

    public static Task ApplyAsync(TimeSpan floor, Func<Task> step) =>
        ApplyAsync(floor, async () =>
        {
            await step();
            return true;
        });
}

using Microsoft.Extensions.Options;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Sessions;

/// <summary>Ends idle and over-age sessions (logging them out of IMAP) and prunes old attempt counters.</summary>
public sealed class MailSessionSweeper(
    MailSessionManager sessions,
    AttemptStore attempts,
    IOptions<MailSessionOptions> options,
    TimeProvider time,
    ILogger<MailSessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var ended = await sessions.SweepAsync();
                if (ended > 0)
                {
                    logger.LogInformation("Ended {Count} expired session(s)", ended);
                }
                // No window in use is longer than a day.
                attempts.Prune(TimeSpan.FromDays(1));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Session sweep failed");
            }
        }
    }
}

using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Sessions;

/// <summary>
/// Ends idle and over-age sessions (logging them out of IMAP); prunes old attempt counters, ended-session records and
/// compose forms kept past their retention.
/// </summary>
public sealed class MailSessionSweeper(
    MailSessionManager sessions,
    AttemptStore attempts,
    SessionRecordStore sessionRecords,
    RescuedComposeStore rescued,
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
                // Past their day: who an ended session was, and the forms kept for people who did not come back.
                sessionRecords.Prune();
                rescued.Prune();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Session sweep failed");
            }
        }
    }
}

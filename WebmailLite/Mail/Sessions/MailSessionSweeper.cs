using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Sessions;

/// <summary>
/// Ends idle and over-age sessions (logging them out of IMAP) and closes the IMAP connections of sessions idle for
/// <see cref="ImapEndpoint.IdleRelease"/>; prunes old attempt counters, ended-session records and compose forms kept
/// past their retention.
/// </summary>
public sealed class MailSessionSweeper(
    MailSessionManager sessions,
    IAttemptStore attempts,
    ISessionRecordStore sessionRecords,
    IRescuedComposeStore rescued,
    IOptions<MailSessionOptions> options,
    IOptions<MailOptions> mailOptions,
    TimeProvider time,
    ILogger<MailSessionSweeper> logger) : BackgroundService
{
    /// <summary>
    /// Every sweep interval, and at least twice per idle-release period: a connection is then closed between one and
    /// one and a half times <see cref="ImapEndpoint.IdleRelease"/> after its last use.
    /// </summary>
    internal static TimeSpan Period(MailSessionOptions sessionOptions, ImapEndpoint imap) =>
        imap.IdleRelease > TimeSpan.Zero && imap.IdleRelease / 2 < sessionOptions.SweepInterval
            ? imap.IdleRelease / 2
            : sessionOptions.SweepInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idleRelease = mailOptions.Value.Imap.IdleRelease;
        using var timer = new PeriodicTimer(Period(options.Value, mailOptions.Value.Imap), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var ended = await sessions.SweepAsync();
                if (ended > 0)
                {
                    logger.LogInformation("Ended {Count} expired session(s)", ended);
                }
                if (idleRelease > TimeSpan.Zero)
                {
                    var released = await sessions.ReleaseIdleConnectionsAsync(idleRelease);
                    if (released > 0)
                    {
                        logger.LogDebug("Closed {Count} idle IMAP connection(s)", released);
                    }
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

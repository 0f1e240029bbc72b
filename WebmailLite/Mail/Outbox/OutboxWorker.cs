using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Mail.Outbox;

/// <summary>
/// Retries the outbox in the background (see <see cref="OutboxSender"/>), and forgets compose files of forms abandoned
/// longer than their retention, and sent forms older than <see cref="ComposeOptions.SentFormMemory"/>.
/// </summary>
public sealed class OutboxWorker(
    OutboxSender outbox,
    IOutboxStore store,
    IComposeAttachmentStore attachments,
    IOptions<OutboxOptions> options,
    IOptions<ComposeOptions> composeOptions,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the app finish starting first: the first pass needs nothing that early.
        await Task.Yield();
        try
        {
            var orphans = store.DeleteOrphanSources();
            if (orphans > 0)
            {
                logger.LogInformation("Removed {Count} outbox source(s) left by an interrupted write", orphans);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Outbox clean-up at start failed");
        }

        var lastPrune = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await outbox.ProcessDueAsync(stoppingToken);
                if (time.GetUtcNow() - lastPrune >= PruneEvery)
                {
                    lastPrune = time.GetUtcNow();
                    attachments.Prune(composeOptions.Value.AttachmentRetention);
                    store.PruneForms(composeOptions.Value.SentFormMemory);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Outbox pass failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

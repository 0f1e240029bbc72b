using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Mail.Outbox;

/// <summary>
/// Sends a message at most once, whatever the sending server does and wherever the app stops. Every message passes
/// through the outbox: it is stored (leased to this process) before the first attempt, so a crash mid-send loses
/// nothing; a message from the compose form is stored only if that form was never handed over before
/// (<see cref="IOutboxStore.TryAddForm"/>), so a form posted twice sends once. Then:
/// <list type="bullet">
/// <item>accepted → marked Accepted at once (never submitted again), copied to Envoyés, removed;</item>
/// <item>refused for good (5xx) → removed and handed back to the form with the server's reason;</item>
/// <item>anything else (unreachable, timeout, 4xx) → left Waiting; <see cref="OutboxWorker"/> retries with backoff,
/// using the in-memory credentials of a live session of its owner, or waits for the owner to sign in again.</item>
/// </list>
/// Within this process an in-memory set keeps two attempts of one message from overlapping; across processes the lease
/// does: with LiteDB one process owns the file (direct mode), with PostgreSQL every instance's worker leases from the
/// same rows, each lease taken atomically (<see cref="IOutboxStore.TryLease"/>), and a lease left by a dead process
/// expires before the message is looked at again. Another live instance's lease is respected only while it lasts, so
/// <see cref="OutboxOptions.Lease"/> must outlast the longest attempt. A message found « being sent » with its lease run out was cut off (a crash or stop between storing it and
/// recording the server's answer): it is never simply sent again. Its Message-ID is fixed when it is built, so
/// Envoyés is searched for it: a copy there means it left (removed, not sent again); no copy means nothing can tell
/// (the crash may have come after the server's « 250 » and before the copy), so it becomes Interrupted and the person
/// decides, told plainly that it may already have left. Before copying again an Accepted message, Envoyés is searched
/// too, so a crash between the copy and the removal does not leave two copies there.
/// One window stays, inherent to SMTP: a connection lost after the message's final dot but before the server's
/// answer is a temporary failure and the message is sent again (RFC 1047); the copy carries the same Message-ID, so a
/// recipient's client can tell it is the same.
/// </summary>
public sealed class OutboxSender(
    IOutboxStore store,
    MailSessionManager sessions,
    IOptions<OutboxOptions> options,
    IOptions<MailOptions> mailOptions,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    IEnumerable<ISentMessageObserver> observers)
{
    // This process's name on leases: a lease under any other name belongs to another instance, or to a process that has gone.
    private readonly string _instance = "app-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// The person pressed « Envoyer » on form <paramref name="formId"/>. <see cref="SendOutcomeKind.AlreadyHandedOver"/>,
    /// sending nothing, when that form was handed over before. Deliberately not cancelled by the request: a send
    /// abandoned half-way has an unknown outcome, so it always runs to its end (each step bounded by <c>Mail:Timeout</c>).
    /// </summary>
    public async Task<SendOutcome> SendAsync(IMailbox mailbox, MimeMessage message, string formId)
    {
        if (store.TryAddForm(mailbox.Identifier, formId, message, Serialize(message), _instance, options.Value.Lease) is not { } item)
        {
            return new SendOutcome(SendOutcomeKind.AlreadyHandedOver);
        }
        _inFlight.TryAdd(item.Id, 0);
        try
        {
            return await DeliverAsync(item, mailbox, message, fromForm: true);
        }
        finally
        {
            _inFlight.TryRemove(item.Id, out _);
        }
    }

    /// <summary>One background pass: every due message whose owner has a live session is tried once.</summary>
    public async Task ProcessDueAsync(CancellationToken stoppingToken)
    {
        foreach (var due in store.Due())
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (_inFlight.ContainsKey(due.Id))
            {
                continue;
            }
            // No session: the password is not known (it is never stored); the message waits for the next sign-in.
            if (sessions.FindLiveFor(due.Owner)?.Mailbox is not { } mailbox)
            {
                continue;
            }
            if (!_inFlight.TryAdd(due.Id, 0))
            {
                continue;
            }
            try
            {
                var item = store.TryLease(due.Id, _instance, options.Value.Lease);
                if (item is null)
                {
                    continue;
                }
                if (due.State == OutboxState.Sending)
                {
                    // Left « being sent » by an attempt that never finished (the app stopped): settle it, never resend it.
                    await SettleInterruptedAsync(item, mailbox);
                    continue;
                }
                await DeliverStoredAsync(item, mailbox);
            }
            finally
            {
                _inFlight.TryRemove(due.Id, out _);
            }
        }
    }

    /// <summary>
    /// The person chose « Envoyer quand même » for an interrupted message of theirs: one attempt now, as a background
    /// pass makes it. <c>null</c> when it is not (or no longer) an interrupted message of theirs.
    /// </summary>
    public async Task<SendOutcome?> SendInterruptedAsync(IMailbox mailbox, string id)
    {
        if (!_inFlight.TryAdd(id, 0))
        {
            return null;
        }
        try
        {
            var item = store.TakeInterrupted(id, mailbox.Identifier, _instance, options.Value.Lease);
            return item is null ? null : await DeliverStoredAsync(item, mailbox);
        }
        finally
        {
            _inFlight.TryRemove(id, out _);
        }
    }

    private async Task<SendOutcome> DeliverStoredAsync(OutboxItem item, IMailbox mailbox)
    {
        var source = store.ReadSource(item);
        if (source is null)
        {
            logger.LogError("Outbox message {Id} cannot be read (Data Protection keys lost?); marked refused", item.Id);
            store.MarkRefused(item.Id, _instance, null);
            return new SendOutcome(SendOutcomeKind.Refused, SendProblem.Refused);
        }
        MimeMessage message;
        using (var stream = new MemoryStream(source, writable: false))
        {
            message = await MimeMessage.LoadAsync(stream, CancellationToken.None);
        }
        return await DeliverAsync(item, mailbox, message, fromForm: false);
    }

    /// <summary>
    /// An attempt cut off before the server's answer was recorded. The copy in Envoyés, made only after the server
    /// accepted, is the one trace the app can read: there, it left; not there, nothing can tell (the stop may have come
    /// between the server's « 250 » and the copy), so it waits for its owner's decision instead of leaving twice.
    /// </summary>
    private async Task SettleInterruptedAsync(OutboxItem item, IMailbox mailbox)
    {
        var (known, folder) = await TryFindSentCopyAsync(mailbox, item.MessageId);
        if (!known)
        {
            // Envoyés cannot be read now: looked at again later, still without sending.
            store.Postpone(item.Id, _instance, NextAttempt(item.Attempts + 1));
            return;
        }
        if (folder is not null)
        {
            logger.LogInformation("Outbox message {Id} was cut off by a stop of the app after it left (its copy is in the Sent folder); not sent again", item.Id);
            store.Complete(item.Id, folder);
            return;
        }
        logger.LogWarning("Outbox message {Id} was cut off by a stop of the app; whether it left cannot be known, so it waits for its owner to decide", item.Id);
        store.MarkInterrupted(item.Id, _instance);
    }

    private async Task<SendOutcome> DeliverAsync(OutboxItem item, IMailbox mailbox, MimeMessage message, bool fromForm)
    {
        if (item.State == OutboxState.Accepted)
        {
            // Only the copy is left to make. A copy may be there already: the app stopped between making it and
            // removing the item, or an APPEND went through but its answer was lost.
            var (known, existing) = await TryFindSentCopyAsync(mailbox, item.MessageId);
            if (!known)
            {
                store.Release(item.Id, _instance, null, null, NextAttempt(item.Attempts + 1));
                return new SendOutcome(SendOutcomeKind.Sent, CopiedToSent: false);
            }
            if (existing is not null)
            {
                store.Complete(item.Id, existing);
                return new SendOutcome(SendOutcomeKind.Sent, SentFolder: existing);
            }
        }
        else
        {
            var failure = await TrySubmitAsync(mailbox, message);
            if (failure is { Permanent: true })
            {
                if (fromForm)
                {
                    // The person is still on the form: it comes back there, intact, and the outbox forgets it.
                    store.Remove(item.Id);
                }
                else
                {
                    store.MarkRefused(item.Id, _instance, failure.ServerText);
                }
                return new SendOutcome(SendOutcomeKind.Refused, failure.Problem, failure.ServerText, failure.RefusedRecipients);
            }
            if (failure is not null)
            {
                var next = NextAttempt(item.Attempts + 1);
                store.Release(item.Id, _instance, failure.Problem, failure.ServerText, next);
                logger.LogInformation("Outbox message {Id} not sent ({Problem}); next attempt at {Next:O}", item.Id, failure.Problem, next);
                return new SendOutcome(SendOutcomeKind.Queued, failure.Problem, failure.ServerText);
            }
            if (!store.MarkAccepted(item.Id, _instance))
            {
                // Only possible if the lease ran out during the attempt and another instance took it over (several
                // instances on PostgreSQL with an attempt longer than Mail:Outbox:Lease); never with one LiteDB owner.
                logger.LogError("Outbox message {Id} was accepted but its lease had been lost", item.Id);
            }
            foreach (var observer in observers)
            {
                await observer.MessageAcceptedAsync(item.Owner, message, CancellationToken.None);
            }
        }

        var sentFolder = await TryCopyToSentAsync(mailbox, message);
        if (sentFolder is not null)
        {
            store.Complete(item.Id, sentFolder);
        }
        else
        {
            // Sent, not yet in Envoyés: only the copy is retried, never the sending.
            store.Release(item.Id, _instance, null, null, NextAttempt(item.Attempts + 1));
        }
        return new SendOutcome(SendOutcomeKind.Sent, CopiedToSent: sentFolder is not null, SentFolder: sentFolder);
    }

    private async Task<MailSendException?> TrySubmitAsync(IMailbox mailbox, MimeMessage message)
    {
        // The sender's own bound: connect, authenticate and transfer, each limited by Mail:Timeout; this caps the whole.
        using var bound = new CancellationTokenSource(TimeSpan.FromTicks(mailOptions.Value.Timeout.Ticks * 8));
        try
        {
            await mailbox.SendAsync(message, bound.Token);
            return null;
        }
        catch (MailSendException e)
        {
            return e;
        }
        catch (OperationCanceledException)
        {
            return new MailSendException(SendProblem.TimedOut);
        }
        catch (ObjectDisposedException)
        {
            // The session ended while the message waited for its turn: it waits for the next sign-in.
            return new MailSendException(SendProblem.ServerError);
        }
    }

    /// <returns>The folder the copy went to, or <c>null</c> when it could not be made now.</returns>
    private async Task<string?> TryCopyToSentAsync(IMailbox mailbox, MimeMessage message)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromTicks(mailOptions.Value.Timeout.Ticks * 4));
        try
        {
            return (await mailbox.AppendAsync(SpecialFolder.Sent, message, AppendFlags.Seen, bound.Token)).Folder;
        }
        catch (Exception e) when (e is MailUnavailableException or MailCredentialsRejectedException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogWarning("Copy of a sent message to the Sent folder failed ({ExceptionType}); will retry", e.GetType().Name);
            return null;
        }
    }

    /// <returns>Known: whether Envoyés could be read; Folder: where the copy is, <c>null</c> when there is none.</returns>
    private async Task<(bool Known, string? Folder)> TryFindSentCopyAsync(IMailbox mailbox, string messageId)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromTicks(mailOptions.Value.Timeout.Ticks * 4));
        try
        {
            return (true, await mailbox.FindSentCopyAsync(messageId, bound.Token));
        }
        catch (Exception e) when (e is MailUnavailableException or MailCredentialsRejectedException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogWarning("The Sent folder could not be searched ({ExceptionType}); will look again", e.GetType().Name);
            return (false, null);
        }
    }

    private DateTime NextAttempt(int attempts)
    {
        var settings = options.Value;
        var delay = settings.RetryMin.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        delay = Math.Min(delay, settings.RetryMax.TotalMilliseconds);
        // A little jitter so that messages queued together during an outage do not all retry in the same second.
        delay *= 0.9 + Random.Shared.NextDouble() * 0.2;
        return time.GetUtcNow().UtcDateTime + TimeSpan.FromMilliseconds(delay);
    }

    private static byte[] Serialize(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, buffer);
        return buffer.ToArray();
    }
}

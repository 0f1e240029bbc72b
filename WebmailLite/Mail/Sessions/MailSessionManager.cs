using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace WebmailLite.Mail.Sessions;

/// <summary>
/// The signed-in sessions of this process, by opaque id. Passwords live only inside the sessions' mailboxes,
/// in memory: a restart of the app signs everybody out, which is the intended kiosk behaviour.
/// </summary>
public sealed class MailSessionManager(
    IOptions<MailSessionOptions> options,
    ISessionRecordStore records,
    TimeProvider time,
    ILogger<MailSessionManager> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, MailSession> _sessions = new(StringComparer.Ordinal);
    private readonly MailSessionOptions _options = options.Value;

    public int Count => _sessions.Count;

    public MailSession Create(IMailbox mailbox, bool sharedComputer)
    {
        // 256 bits from the CSPRNG, URL-safe: unguessable, and meaningless outside this process.
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        var idle = sharedComputer ? _options.SharedIdleTimeout : _options.PersonalIdleTimeout;
        var session = new MailSession(id, mailbox, sharedComputer, time.GetUtcNow(), idle, _options.AbsoluteTimeout);
        _sessions[id] = session;
        try
        {
            records.Remember(session, _options.EndedSessionMemory);
        }
        catch (Exception ex)
        {
            // Only the rescue of a form posted after expiry depends on it: never worth refusing a sign-in.
            logger.LogError(ex, "Could not record the new session");
        }
        return session;
    }

    /// <summary>
    /// The live session for <paramref name="id"/>, touched unless <paramref name="touch"/> is false (a request that is
    /// not the person's activity: the page asking how much time is left); an expired one is ended on the spot.
    /// </summary>
    public async Task<MailSession?> FindAsync(string? id, bool touch = true)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (session.IsExpired(now))
        {
            await EndAsync(id);
            return null;
        }
        if (touch)
        {
            session.Touch(now);
        }
        return session;
    }

    /// <summary>« Rester connecté »: the idle clock starts again now (never past the absolute limit).</summary>
    public void Extend(MailSession session) => session.Touch(time.GetUtcNow());

    /// <summary>
    /// A live session of this identifier, for background work that needs the person's credentials (the outbox).
    /// Not touched: work done on someone's behalf must not keep their session alive.
    /// </summary>
    public MailSession? FindLiveFor(string identifier)
    {
        var now = time.GetUtcNow();
        var key = Owner.Of(identifier);
        return _sessions.Values
            .Where(s => !s.IsExpired(now) && Owner.Of(s.Identifier) == key)
            .OrderByDescending(s => s.LastSeen)
            .FirstOrDefault();
    }

    /// <summary>Revokes the session and logs its mailbox out. Safe to call twice.</summary>
    public async Task EndAsync(string id)
    {
        if (_sessions.TryRemove(id, out var session))
        {
            try
            {
                records.MarkEnded(id, _options.EndedSessionMemory);
            }
            catch (Exception ex)
            {
                // The record then simply lives to its first limit (absolute expiry plus the memory).
                logger.LogWarning("Could not record the end of a session: {Error}", ex.GetType().Name);
            }
            await CloseQuietlyAsync(session);
        }
    }

    /// <summary>Ends every session of one identifier except <paramref name="keepId"/> (after a password change).</summary>
    public async Task EndAllForAsync(string identifier, string? keepId = null)
    {
        foreach (var session in _sessions.Values.Where(s => s.Id != keepId && string.Equals(s.Identifier, identifier, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            await EndAsync(session.Id);
        }
    }

    public async Task<int> SweepAsync()
    {
        var now = time.GetUtcNow();
        var expired = _sessions.Values.Where(s => s.IsExpired(now)).Select(s => s.Id).ToList();
        foreach (var id in expired)
        {
            await EndAsync(id);
        }
        return expired.Count;
    }

    /// <summary>
    /// Closes the IMAP connections of the sessions whose mailbox has not been used for <paramref name="idleFor"/>; the
    /// sessions stay signed in and reconnect at their next click. Returns how many connections were closed.
    /// </summary>
    public async Task<int> ReleaseIdleConnectionsAsync(TimeSpan idleFor)
    {
        var released = 0;
        foreach (var session in _sessions.Values)
        {
            try
            {
                if (await session.Mailbox.ReleaseIdleConnectionAsync(idleFor))
                {
                    released++;
                }
            }
            catch (Exception ex)
            {
                logger.LogInformation("Releasing an idle mail connection failed: {Error}", ex.GetType().Name);
            }
        }
        return released;
    }

    /// <summary>How many sessions hold a connection to the mail server at this moment.</summary>
    public int OpenConnections => _sessions.Values.Count(s => s.Mailbox.HoldsConnection);

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            await EndAsync(id);
        }
    }

    private async Task CloseQuietlyAsync(MailSession session)
    {
        try
        {
            await session.Mailbox.CloseAsync();
        }
        catch (Exception ex)
        {
            // Logging out of a server that is already gone must not break sign-out or the sweep.
            logger.LogInformation("Closing a mailbox failed: {Error}", ex.GetType().Name);
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

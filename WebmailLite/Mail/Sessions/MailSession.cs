namespace WebmailLite.Mail.Sessions;

/// <summary>
/// One signed-in browser session: its open mailbox (which holds the credentials in memory only) and its clock.
/// The browser only ever holds <see cref="Id"/>.
/// </summary>
public sealed class MailSession
{
    private long _lastSeenTicks;

    internal MailSession(string id, IMailbox mailbox, bool sharedComputer, DateTimeOffset now, TimeSpan idleTimeout, TimeSpan absoluteTimeout)
    {
        Id = id;
        Mailbox = mailbox;
        SharedComputer = sharedComputer;
        CreatedAt = now;
        IdleTimeout = idleTimeout;
        AbsoluteExpiry = now + absoluteTimeout;
        _lastSeenTicks = now.UtcTicks;
    }

    public string Id { get; }
    public IMailbox Mailbox { get; }
    public string Identifier => Mailbox.Identifier;
    public bool SharedComputer { get; }
    public DateTimeOffset CreatedAt { get; }
    public TimeSpan IdleTimeout { get; }
    public DateTimeOffset AbsoluteExpiry { get; }

    public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    public bool IsExpired(DateTimeOffset now) => now >= AbsoluteExpiry || now - LastSeen >= IdleTimeout;

    /// <summary>
    /// What is left if nothing more happens: up to the idle limit or the absolute one, whichever comes first; zero once
    /// expired. What the pages tell the browser, so that the warning comes on time and a page clears itself at the end.
    /// </summary>
    public TimeSpan Remaining(DateTimeOffset now)
    {
        var end = LastSeen + IdleTimeout;
        if (AbsoluteExpiry < end)
        {
            end = AbsoluteExpiry;
        }
        return end > now ? end - now : TimeSpan.Zero;
    }

    /// <summary>
    /// <see cref="Remaining"/> in whole seconds, rounded up: zero only once the session has ended, so a page that
    /// waits this long never arrives before the end.
    /// </summary>
    public int RemainingSeconds(DateTimeOffset now) => (int)Math.Ceiling(Remaining(now).TotalSeconds);

    // Requests of one session may run in parallel (a page and its images): a lock-free store of the clock suffices.
    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);
}

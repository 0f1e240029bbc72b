using LiteDB;

namespace WebmailLite.Storage;

/// <summary>
/// Sliding-window counters of attempts, keyed by a purpose-prefixed key such as <c>signin:id:…</c> or
/// <c>signin:ip:…</c>. The limits themselves are <see cref="AttemptLimiter"/>'s.
/// </summary>
public interface IAttemptStore
{
    void Record(string key);

    /// <summary>How many attempts under <paramref name="key"/> fall inside the window, and when the oldest of them leaves it.</summary>
    WindowCount Count(string key, TimeSpan window);

    /// <summary>Removes the attempts of one key, e.g. an identifier's failures after it signed in successfully.</summary>
    void Clear(string key);

    /// <summary>Drops attempts older than any window in use, so the store stays small; returns how many.</summary>
    int Prune(TimeSpan olderThan);
}

/// <summary>The attempts in LiteDB (one instance).</summary>
public sealed class LiteDbAttemptStore : IAttemptStore
{
    private readonly ILiteCollection<Attempt> _attempts;
    private readonly TimeProvider _time;

    public LiteDbAttemptStore(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _attempts = database.Collection<Attempt>("attempts");
        _attempts.EnsureIndex(a => a.Key);
        _attempts.EnsureIndex(a => a.At);
    }

    public void Record(string key) => _attempts.Insert(new Attempt { Key = key, At = _time.GetUtcNow().UtcDateTime });

    public WindowCount Count(string key, TimeSpan window)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var since = now - window;
        var inWindow = _attempts.Query()
            .Where(a => a.Key == key && a.At > since)
            .Select(a => a.At)
            .ToList();
        if (inWindow.Count == 0)
        {
            return new WindowCount(0, TimeSpan.Zero);
        }
        return new WindowCount(inWindow.Count, inWindow.Min() + window - now);
    }

    public void Clear(string key) => _attempts.DeleteMany(a => a.Key == key);

    public int Prune(TimeSpan olderThan)
    {
        var limit = _time.GetUtcNow().UtcDateTime - olderThan;
        return _attempts.DeleteMany(a => a.At < limit);
    }

    public sealed class Attempt
    {
        public ObjectId Id { get; set; } = ObjectId.NewObjectId();
        public string Key { get; set; } = "";
        public DateTime At { get; set; }
    }
}

/// <param name="Count">Attempts inside the window.</param>
/// <param name="UntilOldestExpires">Time until the oldest counted attempt leaves the window.</param>
public readonly record struct WindowCount(int Count, TimeSpan UntilOldestExpires);

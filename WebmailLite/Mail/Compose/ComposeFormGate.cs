namespace WebmailLite.Mail.Compose;

/// <summary>
/// One post at a time per compose form in this process. The outbox's claim (<see cref="Outbox.IOutboxStore.TryAddForm"/>)
/// is what keeps a form from leaving twice; this only makes a second post of the same form (double click, three tabs)
/// wait for the first to finish, so it answers where the message really is (sent, or waiting) rather than « being
/// sent », and never touches the form's files while the first post is using them.
/// </summary>
public sealed class ComposeFormGate
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async Task<IDisposable> EnterAsync(string owner, string formId, CancellationToken cancellationToken)
    {
        var key = owner + "\n" + formId;
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }
            entry.Users++;
        }
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry, entered: false);
            throw;
        }
        return new Releaser(() => Leave(key, entry, entered: true));
    }

    private void Leave(string key, Entry entry, bool entered)
    {
        if (entered)
        {
            entry.Semaphore.Release();
        }
        lock (_lock)
        {
            // The last one out forgets the form: the gate holds only forms being posted right now.
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}

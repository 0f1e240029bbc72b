using System.Collections.Concurrent;
using LiteDB;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// Where <see cref="RescuedFieldsStore"/> keeps its sealed forms: Data Protection's bytes only (this store never sees a
/// field or a key to open them), one per kind of form and key, until a time.
/// </summary>
public interface IKeptFieldsStore
{
    /// <summary>
    /// Keeps <paramref name="sealedFields"/> under <paramref name="key"/> in <paramref name="form"/> for
    /// <paramref name="keepFor"/>, replacing what was there; the forms of that kind whose time has passed go with it
    /// (those of people who never came back).
    /// </summary>
    void Keep(string form, string key, byte[] sealedFields, TimeSpan keepFor);

    /// <summary>
    /// Removes what <paramref name="key"/> holds in <paramref name="form"/> and hands it back, <c>null</c> when nothing
    /// or its time has passed. Take-once: of two takes at the same moment, on any instances, one gets the form.
    /// </summary>
    byte[]? Take(string form, string key);
}

/// <summary>The kept forms in LiteDB (one instance), one collection per kind of form, named by it.</summary>
public sealed class LiteDbKeptFieldsStore(AppDatabase database, TimeProvider time) : IKeptFieldsStore
{
    private readonly ConcurrentDictionary<string, ILiteCollection<KeptFields>> _collections = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Keep(string form, string key, byte[] sealedFields, TimeSpan keepFor)
    {
        var kept = Collection(form);
        var now = time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            kept.DeleteMany(k => k.ExpiresAt <= now);
            kept.Upsert(new KeptFields { Id = key, Sealed = sealedFields, ExpiresAt = now + keepFor });
        }
    }

    public byte[]? Take(string form, string key)
    {
        var kept = Collection(form);
        KeptFields? found;
        // Read and removed under one lock, so a form kept again meanwhile is not the one removed.
        lock (_gate)
        {
            found = kept.FindById(key);
            if (found is null || !kept.Delete(key))
            {
                return null;
            }
        }
        return found.ExpiresAt > time.GetUtcNow().UtcDateTime ? found.Sealed : null;
    }

    private ILiteCollection<KeptFields> Collection(string form) => _collections.GetOrAdd(form, name =>
    {
        var collection = database.Collection<KeptFields>(name);
        collection.EnsureIndex(k => k.ExpiresAt);
        return collection;
    });

    public sealed class KeptFields
    {
        /// <summary>The owner key (<see cref="Owner.Of"/>), then the slot.</summary>
        [BsonId]
        public string Id { get; set; } = "";
        public byte[] Sealed { get; set; } = [];
        public DateTime ExpiresAt { get; set; }
    }
}

using LiteDB;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>Where the <see cref="RecoverySecret"/> is kept, encrypted: the store never sees the key itself.</summary>
public interface IRecoverySecretStore
{
    /// <summary>
    /// The protected key already stored; else stores <paramref name="create"/>'s and returns it. Instances starting
    /// together all get the one that was stored first, never each their own.
    /// </summary>
    byte[] GetOrAdd(Func<byte[]> create);
}

/// <summary>The secret in LiteDB (one instance).</summary>
public sealed class LiteDbRecoverySecretStore(AppDatabase database) : IRecoverySecretStore
{
    private const string Id = "hmac";
    private static readonly Lock Gate = new();
    private readonly ILiteCollection<StoredSecret> _secrets = database.Collection<StoredSecret>("recovery_secret");

    public byte[] GetOrAdd(Func<byte[]> create)
    {
        // One process owns the file (direct mode), so a process-wide lock makes « find, else insert » one step.
        lock (Gate)
        {
            if (_secrets.FindById(Id) is { } stored)
            {
                return stored.Protected;
            }
            var created = create();
            _secrets.Insert(new StoredSecret { Id = Id, Protected = created });
            return created;
        }
    }

    public sealed class StoredSecret
    {
        [BsonId]
        public string Id { get; set; } = "";

        public byte[] Protected { get; set; } = [];
    }
}

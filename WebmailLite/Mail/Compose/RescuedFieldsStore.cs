using System.Security.Cryptography;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// A small form (no files) posted after its session ended, kept for its owner by the compose rescue rules until they
/// open that form again, at most <see cref="ComposeRescueOptions.Retention"/>: encrypted with Data Protection under a
/// purpose narrowed to the owner, the fields as <see cref="RescuedForm"/> writes them. One per person and slot (a
/// later post of the same form replaces an earlier one): « Préférences » has one form, each contact its own.
/// </summary>
public abstract class RescuedFieldsStore
{
    private readonly ILiteCollection<KeptFields> _kept;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;

    protected RescuedFieldsStore(AppDatabase database, string collection, IDataProtectionProvider protection, string purpose, TimeSpan retention, TimeProvider time)
    {
        _kept = database.Collection<KeptFields>(collection);
        _kept.EnsureIndex(k => k.ExpiresAt);
        _protector = protection.CreateProtector(purpose);
        _retention = retention;
        _time = time;
    }

    protected void KeepFields(string identifier, string slot, IReadOnlyDictionary<string, string> fields)
    {
        var owner = Owner.Of(identifier);
        var now = _time.GetUtcNow().UtcDateTime;
        // Forms of people who never came back: gone with the next one kept.
        _kept.DeleteMany(k => k.ExpiresAt <= now);
        _kept.Upsert(new KeptFields
        {
            Id = Key(owner, slot),
            Sealed = _protector.CreateProtector(owner).Protect(new RescuedForm(fields, [], []).Serialize()),
            ExpiresAt = now + _retention,
        });
    }

    /// <summary>This person's kept form in <paramref name="slot"/>, removed as it is handed back; <c>null</c> when none (expired, or keys lost).</summary>
    protected IReadOnlyDictionary<string, string>? TakeFields(string identifier, string slot)
    {
        var owner = Owner.Of(identifier);
        var key = Key(owner, slot);
        var kept = _kept.FindById(key);
        if (kept is null)
        {
            return null;
        }
        _kept.Delete(key);
        if (kept.ExpiresAt <= _time.GetUtcNow().UtcDateTime)
        {
            return null;
        }
        try
        {
            return RescuedForm.Deserialize(_protector.CreateProtector(owner).Unprotect(kept.Sealed)).Fields;
        }
        catch (Exception exception) when (exception is CryptographicException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    // The owner alone for a one-form store, so that forms kept before slots existed are still found.
    private static string Key(string owner, string slot) => slot.Length == 0 ? owner : owner + "\n" + slot;

    private sealed class KeptFields
    {
        /// <summary>The owner key (<see cref="Owner.Of"/>), then the slot.</summary>
        [BsonId]
        public string Id { get; set; } = "";
        public byte[] Sealed { get; set; } = [];
        public DateTime ExpiresAt { get; set; }
    }
}

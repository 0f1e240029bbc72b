using System.Security.Cryptography;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;

namespace WebmailLite.Preferences;

/// <summary>
/// The « Préférences » form posted after its session ended (a signature typed at length must not be lost), kept for
/// its owner until they open « Préférences » again, at most <see cref="ComposeRescueOptions.Retention"/> — the compose
/// rescue rules: encrypted with Data Protection under a purpose narrowed to the owner, the fields as
/// <see cref="RescuedForm"/> writes them. One per person: a later post replaces an earlier one.
/// </summary>
public sealed class RescuedPreferencesStore
{
    public const string Purpose = "WebmailLite.RescuedPreferences.v1";

    private readonly ILiteCollection<KeptPreferences> _kept;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;

    public RescuedPreferencesStore(AppDatabase database, IDataProtectionProvider protection, IOptions<ComposeRescueOptions> options, TimeProvider time)
    {
        _kept = database.Collection<KeptPreferences>("rescued_preferences");
        _kept.EnsureIndex(k => k.ExpiresAt);
        _protector = protection.CreateProtector(Purpose);
        _retention = options.Value.Retention;
        _time = time;
    }

    public void Keep(string identifier, IReadOnlyDictionary<string, string> fields)
    {
        var owner = Owner.Of(identifier);
        var now = _time.GetUtcNow().UtcDateTime;
        // Forms of people who never came back: gone with the next one kept.
        _kept.DeleteMany(k => k.ExpiresAt <= now);
        _kept.Upsert(new KeptPreferences
        {
            Id = owner,
            Sealed = _protector.CreateProtector(owner).Protect(new RescuedForm(fields, [], []).Serialize()),
            ExpiresAt = now + _retention,
        });
    }

    /// <summary>This person's kept form, removed as it is handed back; <c>null</c> when none (expired, or keys lost).</summary>
    public IReadOnlyDictionary<string, string>? Take(string identifier)
    {
        var owner = Owner.Of(identifier);
        var kept = _kept.FindById(owner);
        if (kept is null)
        {
            return null;
        }
        _kept.Delete(owner);
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

    private sealed class KeptPreferences
    {
        /// <summary>The owner key (<see cref="Owner.Of"/>).</summary>
        [BsonId]
        public string Id { get; set; } = "";
        public byte[] Sealed { get; set; } = [];
        public DateTime ExpiresAt { get; set; }
    }
}

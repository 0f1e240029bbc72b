using System.Security.Cryptography;
using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// What a right code buys: a short-lived, single-use permission to set a new password, held by the browser as a
/// random token (only its HMAC is stored) so that the code itself is consumed at once. One per identifier.
/// </summary>
public interface IResetGrantStore
{
    /// <summary>A new grant, replacing any earlier one of the identifier; returns its token (the only time it exists in clear).</summary>
    string Create(string identifier, RecoveryMethod method, TimeSpan lifetime);

    /// <summary>The grant for this token and identifier, if still valid (not consumed).</summary>
    ResetGrant? Find(string? token, string identifier);

    /// <summary>Single use: true only for the one caller that removed it (two tabs, or two instances, cannot both use it).</summary>
    bool Consume(ResetGrant grant);

    /// <summary>Puts back a consumed grant whose password could not be written: the person tries again without a new code.</summary>
    void Restore(ResetGrant grant);

    void RemoveAll(string identifier);
}

/// <summary>The grants in LiteDB (one instance).</summary>
public sealed class LiteDbResetGrantStore : IResetGrantStore
{
    private readonly ILiteCollection<ResetGrant> _grants;
    private readonly RecoverySecret _secret;
    private readonly TimeProvider _time;

    public LiteDbResetGrantStore(AppDatabase database, RecoverySecret secret, TimeProvider time)
    {
        _secret = secret;
        _time = time;
        _grants = database.Collection<ResetGrant>("recovery_grants");
        _grants.EnsureIndex(g => g.Owner);
    }

    public string Create(string identifier, RecoveryMethod method, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var owner = Owner.Of(identifier);
        _grants.DeleteMany(g => g.Owner == owner);
        _grants.Insert(new ResetGrant
        {
            Id = ResetGrant.KeyOf(_secret, token),
            Owner = owner,
            Method = method,
            ExpiresAt = _time.GetUtcNow().UtcDateTime + lifetime,
        });
        return token;
    }

    public ResetGrant? Find(string? token, string identifier)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var grant = _grants.FindById(ResetGrant.KeyOf(_secret, token));
        return grant is not null && grant.Owner == Owner.Of(identifier) && grant.ExpiresAt > _time.GetUtcNow().UtcDateTime
            ? grant
            : null;
    }

    public bool Consume(ResetGrant grant) => _grants.Delete(grant.Id);

    public void Restore(ResetGrant grant) => _grants.Upsert(grant);

    public void RemoveAll(string identifier)
    {
        var owner = Owner.Of(identifier);
        _grants.DeleteMany(g => g.Owner == owner);
    }
}

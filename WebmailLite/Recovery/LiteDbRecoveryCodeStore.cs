using System.Security.Cryptography;
using LiteDB;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// One-time codes: 8 digits from a CSPRNG, stored only as an HMAC (see <see cref="RecoverySecret"/>), single use,
/// expiring, killed after <see cref="RecoveryOptions.MaxCodeAttempts"/> wrong tries. At most one live code per
/// identifier, purpose and method: issuing a new one kills the previous one of the same method. Per method, so that
/// a stranger clicking « Envoyer le code » for someone cannot silently kill the code the desk read out to them.
/// </summary>
public interface IRecoveryCodeStore
{
    /// <summary>Creates a code, kills any earlier live code of the same identifier, purpose and method, and returns it (the only time it exists in clear).</summary>
    string Issue(string identifier, CodePurpose purpose, RecoveryMethod method, TimeSpan lifetime, string? target = null);

    /// <summary>
    /// Checks a typed code. A right code is consumed (single use, even when two instances check it at once); a wrong
    /// one counts a try against every live code of the identifier and purpose, and the last allowed wrong try kills
    /// the code. Unknown identifiers simply have no code: the answer is the same « not valid ».
    /// </summary>
    CodeCheck Check(string identifier, CodePurpose purpose, string typed);

    /// <summary>Whether a live code exists (for tests and the desk; never shown to the person asking).</summary>
    bool HasLiveCode(string identifier, CodePurpose purpose);

    /// <summary>
    /// The address a live <see cref="CodePurpose.ConfirmBackupAddress"/> code was sent to (the code page shows it back
    /// to the signed-in person), or <c>null</c> when no live code exists.
    /// </summary>
    string? LiveTarget(string identifier, CodePurpose purpose);

    /// <summary>Removes the live codes one method gave (an agent closing a request revokes the code read out).</summary>
    int KillIssuedBy(string identifier, CodePurpose purpose, RecoveryMethod method);

    /// <summary>Removes every code of an identifier (after a password change, a code has nothing left to open).</summary>
    void KillAll(string identifier, CodePurpose purpose);

    int PruneExpired();
}

/// <summary>The codes in LiteDB (one instance: a process lock makes each check one step).</summary>
public sealed class LiteDbRecoveryCodeStore : IRecoveryCodeStore
{
    private readonly ILiteCollection<StoredCode> _codes;
    private readonly RecoverySecret _secret;
    private readonly TimeProvider _time;
    private readonly RecoveryOptions _options;
    private readonly Lock _gate = new();

    public LiteDbRecoveryCodeStore(AppDatabase database, RecoverySecret secret, TimeProvider time, IOptions<RecoveryOptions> options)
    {
        _secret = secret;
        _time = time;
        _options = options.Value;
        _codes = database.Collection<StoredCode>("recovery_codes");
        _codes.EnsureIndex(c => c.Owner);
        _codes.EnsureIndex(c => c.ExpiresAt);
    }

    public string Issue(string identifier, CodePurpose purpose, RecoveryMethod method, TimeSpan lifetime, string? target = null)
    {
        var code = RecoveryCode.New();
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = _time.GetUtcNow().UtcDateTime;
        var owner = Owner.Of(identifier);
        lock (_gate)
        {
            _codes.DeleteMany(c => c.Owner == owner && c.Purpose == purpose && c.Method == method);
            _codes.Insert(new StoredCode
            {
                Owner = owner,
                Purpose = purpose,
                Method = method,
                Salt = salt,
                Mac = RecoveryCode.Mac(_secret, owner, purpose, salt, code),
                CreatedAt = now,
                ExpiresAt = now + lifetime,
                Target = target,
            });
        }
        return code;
    }

    public CodeCheck Check(string identifier, CodePurpose purpose, string typed)
    {
        var owner = Owner.Of(identifier);
        var now = _time.GetUtcNow().UtcDateTime;
        var normalized = RecoveryCode.Normalize(typed);
        lock (_gate)
        {
            var all = _codes.Find(c => c.Owner == owner && c.Purpose == purpose).ToList();
            var expired = all.Where(c => c.ExpiresAt <= now).ToList();
            foreach (var code in expired)
            {
                _codes.Delete(code.Id);
            }
            var live = all.Except(expired).ToList();
            if (live.Count == 0)
            {
                return expired.Count > 0 ? CodeCheck.Expired : CodeCheck.Invalid;
            }
            // Every live code is compared, so the time taken does not depend on which one matches.
            StoredCode? match = null;
            foreach (var code in live)
            {
                if (normalized is not null && CryptographicOperations.FixedTimeEquals(code.Mac, RecoveryCode.Mac(_secret, owner, purpose, code.Salt, normalized)))
                {
                    match = code;
                }
            }
            if (match is not null)
            {
                _codes.Delete(match.Id);
                return new CodeCheck(CodeCheckStatus.Valid, match.Method, match.Target);
            }
            // A wrong try counts against every live code of the identifier: several methods give no more guesses.
            var killed = false;
            foreach (var code in live)
            {
                code.FailedAttempts++;
                if (code.FailedAttempts >= _options.MaxCodeAttempts)
                {
                    _codes.Delete(code.Id);
                    killed = true;
                }
                else
                {
                    _codes.Update(code);
                }
            }
            return killed ? CodeCheck.Killed : CodeCheck.Invalid;
        }
    }

    public bool HasLiveCode(string identifier, CodePurpose purpose)
    {
        var owner = Owner.Of(identifier);
        var now = _time.GetUtcNow().UtcDateTime;
        return _codes.Exists(c => c.Owner == owner && c.Purpose == purpose && c.ExpiresAt > now);
    }

    public string? LiveTarget(string identifier, CodePurpose purpose)
    {
        var owner = Owner.Of(identifier);
        var now = _time.GetUtcNow().UtcDateTime;
        return _codes.FindOne(c => c.Owner == owner && c.Purpose == purpose && c.ExpiresAt > now)?.Target;
    }

    public int KillIssuedBy(string identifier, CodePurpose purpose, RecoveryMethod method)
    {
        var owner = Owner.Of(identifier);
        lock (_gate)
        {
            return _codes.DeleteMany(c => c.Owner == owner && c.Purpose == purpose && c.Method == method);
        }
    }

    public void KillAll(string identifier, CodePurpose purpose)
    {
        var owner = Owner.Of(identifier);
        lock (_gate)
        {
            _codes.DeleteMany(c => c.Owner == owner && c.Purpose == purpose);
        }
    }

    public int PruneExpired()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            return _codes.DeleteMany(c => c.ExpiresAt <= now);
        }
    }

    public sealed class StoredCode
    {
        public ObjectId Id { get; set; } = ObjectId.NewObjectId();
        public string Owner { get; set; } = "";
        public CodePurpose Purpose { get; set; }
        public RecoveryMethod Method { get; set; }
        public byte[] Salt { get; set; } = [];
        public byte[] Mac { get; set; } = [];
        public DateTime CreatedAt { get; set; }
        public DateTime ExpiresAt { get; set; }
        public int FailedAttempts { get; set; }

        /// <summary>For <see cref="CodePurpose.ConfirmBackupAddress"/>: the address being confirmed.</summary>
        public string? Target { get; set; }
    }
}


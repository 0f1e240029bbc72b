using System.Security.Cryptography;
using System.Text;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// A random key that never leaves the server, kept in LiteDB encrypted by Data Protection (whose keys live in
/// another folder). Codes are stored as HMACs under it: an 8-digit code has only 10⁸ values, so a plain or even a
/// slow hash read from a stolen database file could be reversed; without this key it cannot.
/// </summary>
public sealed class RecoverySecret
{
    private readonly byte[] _key;

    public RecoverySecret(AppDatabase database, IDataProtectionProvider protection)
    {
        var protector = protection.CreateProtector("WebmailLite.Recovery.Secret.v1");
        var secrets = database.Collection<StoredSecret>("recovery_secret");
        var stored = secrets.FindById("hmac");
        if (stored is null)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            secrets.Insert(new StoredSecret { Id = "hmac", Protected = protector.Protect(key) });
            _key = key;
        }
        else
        {
            _key = protector.Unprotect(stored.Protected);
        }
    }

    /// <summary>The MAC of <paramref name="text"/> (UTF-8) for one <paramref name="purpose"/>: unrelated values for unrelated uses.</summary>
    public byte[] Mac(string purpose, string text) => Mac(Encoding.UTF8.GetBytes(purpose), Encoding.UTF8.GetBytes(text));

    /// <summary>HMAC-SHA256 under the secret of the parts, each prefixed with its length so that no two lists of parts collide.</summary>
    public byte[] Mac(params ReadOnlySpan<byte[]> parts)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var part in parts)
        {
            hmac.AppendData(BitConverter.GetBytes(part.Length));
            hmac.AppendData(part);
        }
        return hmac.GetHashAndReset();
    }

    public sealed class StoredSecret
    {
        [BsonId]
        public string Id { get; set; } = "";

        public byte[] Protected { get; set; } = [];
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace WebmailLite.Recovery;

/// <summary>
/// A random key that never leaves the server, kept in the store encrypted by Data Protection (whose keys live
/// elsewhere). Codes are stored as HMACs under it: an 8-digit code has only 10⁸ values, so a plain or even a slow
/// hash read from a stolen database could be reversed; without this key it cannot. Every instance must MAC with the
/// same key, so the first to start creates it and the others read that one back (<see cref="IRecoverySecretStore"/>).
/// </summary>
public sealed class RecoverySecret
{
    private readonly byte[] _key;

    public RecoverySecret(IRecoverySecretStore store, IDataProtectionProvider protection)
    {
        var protector = protection.CreateProtector("WebmailLite.Recovery.Secret.v1");
        _key = protector.Unprotect(store.GetOrAdd(() => protector.Protect(RandomNumberGenerator.GetBytes(32))));
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
}

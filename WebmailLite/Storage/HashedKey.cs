using System.Security.Cryptography;
using System.Text;

namespace WebmailLite.Storage;

/// <summary>
/// A lookup key that does not hold its text in clear: the hex SHA-256 of the text's UTF-8 bytes. For texts that a
/// store must find again but has no use for itself (a session id, an identifier behind an attempt counter). Not for
/// low-entropy secrets such as codes: a plain hash of 10⁸ values is reversed in seconds (see RecoverySecret).
/// </summary>
public static class HashedKey
{
    /// <remarks>Stored keys depend on these exact bytes (upper-case hex, UTF-8, unkeyed SHA-256): changing them loses what was stored.</remarks>
    public static string Of(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

using System.Security.Cryptography;
using System.Text;

namespace WebmailLite.Recovery;

/// <summary>What a one-time code is, whatever stores it: its digits, how it is typed, and the one formula of its MAC.</summary>
public static class RecoveryCode
{
    public const int Digits = 8;

    /// <summary>A new code from a CSPRNG.</summary>
    public static string New() => RandomNumberGenerator.GetString("0123456789", Digits);

    /// <summary>People paste « 1234 5678 » or « 1234-5678 »: spaces and dashes are ignored, anything else makes it wrong.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var digits = new StringBuilder(Digits);
        foreach (var c in typed)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (!char.IsWhiteSpace(c) && c is not '-' and not '.')
            {
                return null;
            }
        }
        return digits.Length == Digits ? digits.ToString() : null;
    }

    /// <summary>The MAC stored for a code (pinned by StoredKeysTests: a change loses every live code).</summary>
    public static byte[] Mac(RecoverySecret secret, string owner, CodePurpose purpose, byte[] salt, string code) =>
        secret.Mac(Encoding.UTF8.GetBytes(owner), BitConverter.GetBytes((int)purpose), salt, Encoding.ASCII.GetBytes(code));
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WebmailLite.Recovery;

/// <summary>
/// Answers to personal questions, normalised then stored only as a salted PBKDF2-SHA256 hash. Normalising first
/// means « Éléonore  Dupont » and « eleonore dupont » match: people should not fail on an accent or a capital.
/// </summary>
public sealed class AnswerHasher(IOptions<RecoveryOptions> options)
{
    private const int HashBytes = 32;
    private readonly int _iterations = options.Value.AnswerHashIterations;

    public HashedAnswer Hash(string answer)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new HashedAnswer(salt, _iterations, Derive(answer, salt, _iterations));
    }

    /// <summary>Always does the full work, even with no stored answer, so timing does not tell whether one exists.</summary>
    public bool Matches(string? typed, HashedAnswer? stored)
    {
        var target = stored ?? Decoy;
        var derived = Derive(typed ?? "", target.Salt, stored?.Iterations ?? _iterations);
        return stored is not null && CryptographicOperations.FixedTimeEquals(derived, stored.Hash);
    }

    /// <summary>
    /// Lower case, no accents, only letters and digits: « Jules Ferry », « julesferry » and « Jules-Ferry » are one
    /// answer, as the page promises (« les majuscules, les accents et les espaces ne comptent pas »).
    /// </summary>
    public static string Normalize(string answer)
    {
        var decomposed = answer.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
            {
                result.Append(char.ToLowerInvariant(c));
            }
        }
        return result.ToString();
    }

    private static byte[] Derive(string answer, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Normalize(answer)), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static readonly HashedAnswer Decoy = new(new byte[16], 0, new byte[HashBytes]);
}

public sealed record HashedAnswer(byte[] Salt, int Iterations, byte[] Hash);

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace WebmailLite.Recovery;

/// <summary>
/// The masked address shown for an identifier that has no contact address (unknown, or none on file). It must be
/// indistinguishable from the mask of a real account: the first character, the digit-or-letter case and the domain
/// follow the same distribution as real masks, and so does their relation to the identifier typed (most people's
/// contact address starts with the letter their identifier starts with, « jdupont → j•••@… », but not all:
/// « bob → m•••@… » happens, and a decoy must be able to say it too).
/// <para>
/// So a decoy is the mask of a real contact address: among the accounts whose identifier starts with the same
/// character as the one typed (all accounts when none does), the one that wins a rendezvous draw keyed by the
/// identifier typed (highest HMAC under the recovery secret). Without the secret the winner cannot be predicted; the
/// same identifier always gets the same mask; and when the contacts file changes, only the identifiers whose winner
/// was added or removed see their decoy change (as a real account's mask changes only when its own address does).
/// </para>
/// <para>
/// Limits: it matches the real distribution given the identifier's first character only — a feature that links
/// an identifier to its address beyond it (the surname's initial, « dupont.jean@ ») is matched only on average; a
/// first character with few accounts draws from those few (the real distribution there is those few); stale lines
/// of the contacts file count like live ones.
/// </para>
/// </summary>
public static class DecoyMasks
{
    private static readonly string[] FallbackDomains =
        ["laposte.net", "orange.fr", "gmail.com", "free.fr", "sfr.fr", "wanadoo.fr", "hotmail.fr", "yahoo.fr", "•••", "•••"];

    /// <summary>Derived once per population instance (the contacts file's dictionary lives until the file changes).</summary>
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, Population> Populations = [];

    /// <summary>A decoy mask for <paramref name="owner"/> (an identifier as <see cref="Mail.Owner.Of"/> gives it).</summary>
    public static string For(RecoverySecret secret, string owner, IReadOnlyDictionary<string, string> contacts)
    {
        var draw = secret.Mac("decoy-mask", owner);
        var population = Populations.GetValue(contacts, c => new Population(c));
        var candidates = population.Starting(Initial(owner));
        if (candidates.Length == 0)
        {
            // No contact address at all: every answer is a decoy, so any shape is as good; still not the identifier's letter.
            return (char)('a' + draw[1] % 26) + "•••@" + FallbackDomains[draw[0] % FallbackDomains.Length];
        }
        var best = candidates[0];
        var bestScore = 0UL;
        foreach (var candidate in candidates)
        {
            var score = BinaryPrimitives.ReadUInt64BigEndian(HMACSHA256.HashData(draw, candidate.Owner));
            if (score >= bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }
        return best.Mask;
    }

    /// <summary>The class of an identifier's first character, as <see cref="RecoveryService.Mask"/> shows an address's: a letter, or « • ».</summary>
    private static char Initial(string owner) => owner.Length > 0 && char.IsAsciiLetterLower(owner[0]) ? owner[0] : '•';

    private sealed record Candidate(byte[] Owner, string Mask);

    private sealed class Population
    {
        private readonly Dictionary<char, Candidate[]> _byInitial;
        private readonly Candidate[] _all;

        public Population(IReadOnlyDictionary<string, string> contacts)
        {
            // Ordered so that a draw does not depend on the file's line order (ties aside, which a 64-bit score makes moot).
            var entries = contacts
                .Select(c => (Owner: Mail.Owner.Of(c.Key), Mask: RecoveryService.Mask(c.Value)))
                .OrderBy(e => e.Owner, StringComparer.Ordinal)
                .ToList();
            _all = [.. entries.Select(e => new Candidate(Encoding.UTF8.GetBytes(e.Owner), e.Mask))];
            _byInitial = entries
                .GroupBy(e => Initial(e.Owner))
                .ToDictionary(g => g.Key, g => g.Select(e => new Candidate(Encoding.UTF8.GetBytes(e.Owner), e.Mask)).ToArray());
        }

        public Candidate[] Starting(char initial) => _byInitial.TryGetValue(initial, out var same) ? same : _all;
    }
}

using System.Globalization;
using System.Text;

namespace WebmailLite.Mail;

/// <summary>
/// Splits what the person typed into search terms: words, or « phrases entre guillemets ». Every term must match
/// (in any of the searched fields). Bounded, so one search is never an unbounded IMAP command.
/// </summary>
public static class SearchTerms
{
    public const int MaxTerms = 8;
    public const int MaxTermLength = 100;

    /// <summary>
    /// The one comparison form for search: decomposed, combining marks removed, lower case (« Élèves » → « eleves »).
    /// Phrases keep their spaces, so a phrase still matches only as a phrase.
    /// </summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="term"/> appears in <paramref name="text"/>, accents and case ignored (both folded by <see cref="Fold"/>).</summary>
    public static bool Contains(string? text, string term) =>
        !string.IsNullOrEmpty(text) && Fold(text).Contains(Fold(term), StringComparison.Ordinal);

    /// <summary>Whether the term is in the subject or the sender (name or address), accents and case ignored.</summary>
    public static bool InSubjectOrSender(MessageSummary message, string term) =>
        Contains(message.Subject, term) || Contains(message.FromName, term) || Contains(message.FromAddress, term);

    /// <summary>
    /// The same term without its accents, when it has any (« élèves » → « eleves »): a server that does not fold accents
    /// finds « eleves » written without them only if asked for it too. <c>null</c> when folding changes nothing but case.
    /// </summary>
    public static string? WithoutAccents(string term)
    {
        var folded = Fold(term);
        return folded == term.ToLowerInvariant() ? null : folded;
    }

    /// <summary>Whether a term has a letter, that is something written with or without an accent.</summary>
    public static bool HasLetter(IReadOnlyList<string> terms) => terms.Any(t => t.Any(char.IsLetter));

    public static IReadOnlyList<string> Split(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c is '"' or '«' or '»' or '“' or '”')
            {
                Flush();
                quoted = c is '"' ? !quoted : c is '«' or '“';
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                Flush();
            }
            else if (!char.IsControl(c))
            {
                current.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
        }
        Flush();
        return terms;

        void Flush()
        {
            var term = current.ToString().Trim();
            current.Clear();
            if (term.Length > 0 && terms.Count < MaxTerms && !terms.Contains(term, StringComparer.OrdinalIgnoreCase))
            {
                terms.Add(term.Length > MaxTermLength ? term[..MaxTermLength] : term);
            }
        }
    }
}

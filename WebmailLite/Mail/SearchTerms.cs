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

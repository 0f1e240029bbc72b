using System.Globalization;
using System.Text;

namespace WebmailLite.Contacts;

/// <summary>
/// The one folding of text for contact search: decomposed (FormD), combining marks dropped, lower case; so « helene »
/// finds « Hélène » and « ÉLODIE » finds « élodie ». Stored beside each contact and applied to what is typed.
/// </summary>
public static class SearchKey
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        // « œ » and « æ » do not decompose: people type « oe », « ae ».
        return folded.Replace("œ", "oe").Replace("æ", "ae").ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>« hel » starts a word of « dubois helene » or of « h.dubois@ac-exemple.fr » (after « . », « @ », « - »…); both folded.</summary>
    public static bool StartsAWord(string search, string folded)
    {
        for (var at = search.IndexOf(folded, StringComparison.Ordinal); at >= 0; at = search.IndexOf(folded, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsLetterOrDigit(search[at - 1]))
            {
                return true;
            }
        }
        return false;
    }
}

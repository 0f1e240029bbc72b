using System.Text;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// Text typed into a one-line field (subject, address, file name) made safe for a header: every control character
/// (CR, LF, tab, NUL…) and the Unicode line separators become a space. MimeKit would encode them anyway; removing them
/// means no header can ever be smuggled in, whatever MimeKit's encoder does in a later version.
/// </summary>
public static class HeaderText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var result = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var space = char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsWhiteSpace(c);
            if (space)
            {
                if (!lastWasSpace)
                {
                    result.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            result.Append(c);
            lastWasSpace = false;
        }
        return result.ToString().Trim();
    }

    /// <summary>A message body: line breaks kept (as LF), tabs kept, other control characters dropped.</summary>
    public static string CleanBody(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var normalized = text.ReplaceLineEndings("\n");
        var result = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}

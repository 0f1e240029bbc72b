using System.Text;

namespace WebmailLite.Contacts;

/// <summary>
/// The small part of vCard (RFC 6350) contacts need: FN, N, EMAIL, NOTE, with the RFC's escaping (§3.4) and line
/// folding (§3.2, 75 octets). No maintained vCard library is served by our package registry; this one is tested by a
/// round trip and by files written as Outlook, Thunderbird and Gmail write them (vCard 3.0 and 4.0, CRLF or LF).
/// </summary>
public static class VCard
{
    private const int FoldOctets = 75;

    public static string Write(IEnumerable<VCardEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            Line(text, "BEGIN:VCARD");
            Line(text, "VERSION:4.0");
            Line(text, "FN:" + Escape(entry.Name));
            // N is required by vCard 3.0 readers (Outlook); the whole name as family name is what they show.
            Line(text, "N:" + Escape(entry.Name) + ";;;;");
            foreach (var address in entry.Addresses)
            {
                Line(text, "EMAIL:" + Escape(address));
            }
            if (entry.Note.Length > 0)
            {
                Line(text, "NOTE:" + Escape(entry.Note));
            }
            Line(text, "END:VCARD");
        }
        return text.ToString();
    }

    /// <summary>The cards of <paramref name="text"/>; <c>null</c> when it is not vCard at all (no BEGIN:VCARD … END:VCARD).</summary>
    public static IReadOnlyList<VCardEntry>? Read(string text)
    {
        var entries = new List<VCardEntry>();
        string? fn = null, n = null;
        var addresses = new List<string>();
        var note = "";
        var inCard = false;
        foreach (var line in Unfold(text))
        {
            var colon = IndexOfValue(line);
            if (colon < 0)
            {
                continue;
            }
            var head = line[..colon];
            var value = line[(colon + 1)..];
            // « item1.EMAIL;TYPE=INTERNET » (Apple, Gmail): the group before the dot and the parameters do not matter here.
            var name = head.Split(';')[0];
            name = name[(name.LastIndexOf('.') + 1)..].ToUpperInvariant();
            switch (name)
            {
                case "BEGIN" when value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase):
                    inCard = true;
                    fn = n = null;
                    addresses = [];
                    note = "";
                    break;
                case "END" when inCard && value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase):
                    inCard = false;
                    entries.Add(new VCardEntry(fn ?? NameFromN(n), addresses, note));
                    break;
                case "FN" when inCard:
                    fn = Unescape(value).Trim();
                    break;
                case "N" when inCard:
                    n = value;
                    break;
                case "EMAIL" when inCard:
                    if (Unescape(value).Trim() is { Length: > 0 } address)
                    {
                        addresses.Add(address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? address[7..] : address);
                    }
                    break;
                case "NOTE" when inCard:
                    note = Unescape(value).Trim();
                    break;
            }
        }
        return entries.Count == 0 && !text.Contains("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase) ? null : entries;
    }

    private static string NameFromN(string? n)
    {
        if (n is null)
        {
            return "";
        }
        // N: family;given;additional;prefix;suffix → « given family ».
        var parts = SplitUnescaped(n, ';').Select(p => Unescape(p).Trim()).ToList();
        return string.Join(' ', new[] { parts.ElementAtOrDefault(3), parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2), parts.ElementAtOrDefault(0), parts.ElementAtOrDefault(4) }
            .Where(p => !string.IsNullOrEmpty(p)));
    }

    /// <summary>The colon ending the property name and parameters (a quoted parameter value may hold one).</summary>
    private static int IndexOfValue(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                return i;
            }
        }
        return -1;
    }

    private static IEnumerable<string> Unfold(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n'))
        {
            if (raw.Length > 0 && raw[0] is ' ' or '\t')
            {
                current.Append(raw, 1, raw.Length - 1);
                continue;
            }
            if (current.Length > 0)
            {
                yield return current.ToString();
            }
            current.Clear().Append(raw);
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                result.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                result.Append(value[i]);
            }
        }
        return result.ToString();
    }

    private static IEnumerable<string> SplitUnescaped(string value, char separator)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }
        yield return value[start..];
    }

    /// <summary>Folds at 75 octets of UTF-8 without cutting a character in two; CRLF after each line.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = FoldOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                // A continuation line starts with a space, which counts.
                limit = FoldOctets - 1;
            }
            text.Append(line, i, width);
            octets += size;
            i += width - 1;
        }
        text.Append("\r\n");
    }
}

/// <summary>One card as contacts use it.</summary>
public sealed record VCardEntry(string Name, IReadOnlyList<string> Addresses, string Note);

using System.Globalization;
using System.Text;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// Turns the file name a sender chose into one we can show and put in <c>Content-Disposition</c>. The name is
/// hostile input: it may carry a path, control characters, bidirectional overrides (« facture‮fdp.exe »), names
/// Windows refuses, or be absurdly long.
/// </summary>
internal static class AttachmentFileName
{
    /// <summary>Long enough for any real name, short enough for every file system and for our layout.</summary>
    public const int MaxLength = 120;

    private const int MaxExtensionLength = 16;

    // Characters Windows refuses in names; our users are on school Windows machines.
    private const string ForbiddenOnWindows = "<>:\"/\\|?*";

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>A safe name for part <paramref name="partIndex"/>, falling back to « piece-jointe-N.ext ».</summary>
    public static string Create(string? declaredName, string mediaType, int partIndex)
    {
        var name = Clean(declaredName);
        var guessedExtension = PartMediaType.Extension(mediaType);
        if (name.Length == 0)
        {
            // Numbered like the part as people count (from 1), so two unnamed parts never share a name.
            return $"piece-jointe-{partIndex + 1}{guessedExtension}";
        }

        if (Path.GetExtension(name).Length == 0 && guessedExtension.Length > 0)
        {
            // Without an extension Windows cannot open the file; add the one its declared type implies.
            name += guessedExtension;
        }

        return Shorten(name);
    }

    private static string Clean(string? declaredName)
    {
        if (string.IsNullOrWhiteSpace(declaredName))
        {
            return "";
        }

        // Mac mailers send decomposed accents (e + U+0301); compose them so « réunion » looks and sorts the same.
        var name = declaredName.Normalize(NormalizationForm.FormC);

        // Keep the last path segment only: « ../../etc/passwd » must never name anything but a file.
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned)
            {
                // Control characters (NUL truncates names in C code), and format characters: the bidirectional
                // overrides that make « exe.pdf » read as « pdf.exe ».
                continue;
            }

            if (rune.IsAscii && ForbiddenOnWindows.Contains((char)rune.Value))
            {
                builder.Append('_');
                continue;
            }

            builder.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
        }

        // Leading dots hide files on Unix (and « .. » is a path); trailing dots and spaces are dropped by Windows.
        name = builder.ToString().Trim().Trim('.').Trim();
        var stem = Path.GetFileNameWithoutExtension(name);
        if (WindowsDeviceNames.Contains(stem))
        {
            name = "_" + name;
        }

        return name;
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > MaxExtensionLength)
        {
            extension = "";
        }

        var stem = name[..^extension.Length];
        var keep = MaxLength - extension.Length;

        // Never cut a surrogate pair (or an accent from its letter) in half.
        var boundary = 0;
        foreach (var index in StringInfo.ParseCombiningCharacters(stem))
        {
            if (index > keep)
            {
                break;
            }

            boundary = index;
        }

        if (boundary == 0)
        {
            // One absurdly long text element (a letter under hundreds of accents): cut it, but not mid-pair.
            boundary = char.IsHighSurrogate(stem[keep - 1]) ? keep - 1 : keep;
        }

        return stem[..boundary].TrimEnd(' ', '.') + extension;
    }
}

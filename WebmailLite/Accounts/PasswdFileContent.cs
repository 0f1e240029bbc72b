using System.Text;

namespace WebmailLite.Accounts;

/// <summary>
/// Reads and rewrites the bytes of a Dovecot passwd-file: one account per line,
/// <c>user:{SCHEME}hash:uid:gid:gecos:home:shell:extra_fields</c>, <c>#</c> comments, blank lines.
/// A rewrite replaces only the password field of one line; every other byte (other lines, comments, the other
/// fields, CRLF or LF line ends, a missing final newline) is kept exactly, because administrators keep their
/// own notes and extra fields in this file and Dovecot reads all of them.
/// </summary>
public static class PasswdFileContent
{
    /// <summary>
    /// The user names of the file, in order. Dovecot lowercases the login (<c>auth_username_format = %Lu</c>
    /// by default) before looking it up, so callers compare them case-insensitively.
    /// </summary>
    public static IReadOnlyList<string> UserNames(ReadOnlySpan<byte> content)
    {
        var names = new List<string>();
        foreach (var line in Lines(content))
        {
            if (UserField(content.Slice(line.Start, line.Length)) is { } user)
            {
                names.Add(user);
            }
        }
        return names;
    }

    /// <summary>
    /// The entry whose user name matches <paramref name="identifier"/> (trimmed; exact spelling first, then
    /// ignoring case), as the file spells it, or <c>null</c>.
    /// </summary>
    public static string? FindUser(ReadOnlySpan<byte> content, string identifier)
    {
        var wanted = identifier.Trim();
        if (wanted.Length == 0)
        {
            return null;
        }
        string? caseInsensitive = null;
        foreach (var user in UserNames(content))
        {
            if (string.Equals(user, wanted, StringComparison.Ordinal))
            {
                return user;
            }
            // The first of several spellings wins, as a lookup that stops at the first match would.
            caseInsensitive ??= string.Equals(user, wanted, StringComparison.OrdinalIgnoreCase) ? user : null;
        }
        return caseInsensitive;
    }

    /// <summary>
    /// The file with the password field of <paramref name="user"/> (exact spelling, as returned by
    /// <see cref="FindUser"/>) replaced by <paramref name="passwordField"/>, or <c>null</c> when no line has it.
    /// Every line of that user is changed (Dovecot would use the first; a duplicate must not keep an old password).
    /// </summary>
    public static byte[]? ReplacePassword(ReadOnlySpan<byte> content, string user, string passwordField)
    {
        if (passwordField.AsSpan().IndexOfAny(":\r\n") >= 0)
        {
            throw new ArgumentException("A password field cannot hold ':' or a line end.", nameof(passwordField));
        }
        var replacement = Encoding.UTF8.GetBytes(passwordField);
        using var output = new MemoryStream(content.Length + replacement.Length);
        var found = false;
        var copiedUpTo = 0;
        foreach (var line in Lines(content))
        {
            var text = content.Slice(line.Start, line.Length);
            if (UserField(text) is not { } name || !string.Equals(name, user, StringComparison.Ordinal))
            {
                continue;
            }
            found = true;
            // user ':' password [':' rest]: the password runs to the next ':' or to the end of the line.
            var passwordStart = line.Start + text.IndexOf((byte)':') + 1;
            var afterPassword = content[passwordStart..(line.Start + line.Length)].IndexOf((byte)':');
            var passwordEnd = afterPassword < 0 ? line.Start + line.Length : passwordStart + afterPassword;
            output.Write(content[copiedUpTo..passwordStart]);
            output.Write(replacement);
            copiedUpTo = passwordEnd;
        }
        if (!found)
        {
            return null;
        }
        output.Write(content[copiedUpTo..]);
        return output.ToArray();
    }

    /// <summary>
    /// The file with <paramref name="entries"/> (whole lines without line end, keyed by exact user name) in place
    /// of the existing lines of those users, the new ones appended. For the test rig, which creates accounts.
    /// </summary>
    public static byte[] Upsert(ReadOnlySpan<byte> content, IReadOnlyDictionary<string, string> entries)
    {
        using var output = new MemoryStream(content.Length + 128 * entries.Count);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines(content))
        {
            var text = content.Slice(line.Start, line.Length + line.EndLength);
            if (UserField(content.Slice(line.Start, line.Length)) is { } name && entries.TryGetValue(name, out var entry))
            {
                if (written.Add(name))
                {
                    output.Write(Encoding.UTF8.GetBytes(entry));
                    output.Write(line.EndLength > 0 ? text[line.Length..] : "\n"u8);
                }
                continue;
            }
            output.Write(text);
            if (line.EndLength == 0 && text.Length > 0)
            {
                // The last line had no line end: one is needed before the appended entries.
                output.Write("\n"u8);
            }
        }
        foreach (var (name, entry) in entries)
        {
            if (written.Add(name))
            {
                output.Write(Encoding.UTF8.GetBytes(entry));
                output.Write("\n"u8);
            }
        }
        return output.ToArray();
    }

    /// <summary>The user name of an account line, or <c>null</c> for a comment, a blank line or a line without ':'.</summary>
    private static string? UserField(ReadOnlySpan<byte> line)
    {
        var trimmedStart = line.TrimStart(" \t"u8);
        if (trimmedStart.IsEmpty || trimmedStart[0] == (byte)'#')
        {
            return null;
        }
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return null;
        }
        return Encoding.UTF8.GetString(line[..colon]);
    }

    private readonly record struct Line(int Start, int Length, int EndLength);

    /// <summary>Lines with the length of their end ("\n", "\r\n", or nothing for a last line without one).</summary>
    private static List<Line> Lines(ReadOnlySpan<byte> content)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < content.Length)
        {
            var newline = content[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                lines.Add(new Line(start, content.Length - start, 0));
                break;
            }
            var length = newline;
            var end = 1;
            if (length > 0 && content[start + length - 1] == (byte)'\r')
            {
                length--;
                end = 2;
            }
            lines.Add(new Line(start, length, end));
            start += newline + 1;
        }
        return lines;
    }
}

using System.Text;

namespace WebmailLite.Mail;

/// <summary>
/// What a folder name may be, the same for every server: the pages check it to explain the problem, the mailboxes
/// check it again before asking the server.
/// </summary>
public static class FolderNameRules
{
    public const int MaxLength = 100;

    // « / » and « . » are hierarchy separators (Dovecot uses « / » and refuses « . » in Maildir++; Cyrus and Courier
    // use « . »), « \ » is one on some Windows servers; « % » and « * » are IMAP LIST wildcards. Refusing them everywhere
    // means a name never turns silently into a subfolder or into a pattern on another server.
    public const string ForbiddenCharacters = "/.\\%*";

    /// <summary>The name as it will be stored: trimmed, Unicode-normalized (NFC), so « é » typed two ways is one name.</summary>
    public static string Normalize(string? name) => (name ?? "").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The first problem with an already <see cref="Normalize">normalized</see> name, or <see cref="FolderNameProblem.None"/>.</summary>
    public static FolderNameProblem Check(string name)
    {
        if (name.Length == 0)
        {
            return FolderNameProblem.Empty;
        }
        if (name.Length > MaxLength)
        {
            return FolderNameProblem.TooLong;
        }
        if (name.Any(c => char.IsControl(c) || ForbiddenCharacters.Contains(c)))
        {
            return FolderNameProblem.ForbiddenCharacter;
        }
        // INBOX is case-insensitive in IMAP: « inbox » at the top would be the inbox itself.
        if (string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return FolderNameProblem.Reserved;
        }
        return FolderNameProblem.None;
    }

    /// <summary>Two names that only differ by case are the same for people: refused as duplicates.</summary>
    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

public enum FolderNameProblem
{
    None,
    Empty,
    TooLong,
    ForbiddenCharacter,
    Reserved,
}

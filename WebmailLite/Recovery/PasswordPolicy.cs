using System.Text;
using Microsoft.Extensions.Options;

namespace WebmailLite.Recovery;

/// <summary>
/// The one password policy of the app, shown before typing and applied to every new password (recovery and
/// « Changer le mot de passe »). Following NIST SP 800-63B: a minimum length, a list of common passwords, nothing
/// built from the identifier, and no composition rules (they make passwords harder to remember, not stronger).
/// </summary>
public sealed class PasswordPolicy
{
    /// <summary>bcrypt, which the passwd-file directory writes, reads only the first 72 UTF-8 bytes.</summary>
    public const int MaxBytes = 72;

    /// <summary>Always within <see cref="MaxBytes"/>, even with accented letters (2 bytes each in UTF-8).</summary>
    public const int MaxLength = 64;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public PasswordPolicy(IOptions<RecoveryOptions> options) => MinLength = options.Value.MinPasswordLength;

    public int MinLength { get; }

    public PasswordProblem? Check(string? password, string identifier)
    {
        if (string.IsNullOrWhiteSpace(password))
        {
            return PasswordProblem.Missing;
        }
        if (password.Any(char.IsControl))
        {
            // A NUL cannot go into the passwd-file, and a tab or newline pasted by mistake would never be typed again.
            return PasswordProblem.ControlCharacters;
        }
        var length = new StringInfoLength(password).Count;
        if (length < MinLength)
        {
            return PasswordProblem.TooShort;
        }
        if (length > MaxLength || Encoding.UTF8.GetByteCount(password) > MaxBytes)
        {
            return PasswordProblem.TooLong;
        }
        var folded = Fold(password);
        // « azertyuiop123 » or « motdepasse2026! » is the common one with a suffix everybody adds.
        var withoutSuffix = folded.TrimEnd("0123456789!?.,;:-_*#@$%&+=/".ToCharArray());
        // « aaaaaaaaaaaa » or « 121212121212 »: long, but guessed at once.
        var tooRepetitive = folded.Distinct().Count() < 4;
        if (tooRepetitive || Common.Value.Contains(folded) || (withoutSuffix.Length >= 6 && Common.Value.Contains(withoutSuffix)))
        {
            return PasswordProblem.Common;
        }
        if (ContainsIdentifier(folded, identifier))
        {
            return PasswordProblem.ContainsIdentifier;
        }
        return null;
    }

    public static int CommonPasswordCount => Common.Value.Count;

    /// <summary>« cmartin », « C.Martin » and the part before « @ » all count as the identifier.</summary>
    private static bool ContainsIdentifier(string foldedPassword, string identifier)
    {
        var local = identifier.Trim();
        var at = local.IndexOf('@');
        if (at > 0)
        {
            local = local[..at];
        }
        var folded = Fold(local);
        var lettersOnly = new string(folded.Where(char.IsLetterOrDigit).ToArray());
        var passwordLetters = new string(foldedPassword.Where(char.IsLetterOrDigit).ToArray());
        return (folded.Length >= 3 && foldedPassword.Contains(folded, StringComparison.Ordinal))
            || (lettersOnly.Length >= 3 && passwordLetters.Contains(lettersOnly, StringComparison.Ordinal));
    }

    /// <summary>Case and spaces do not make a common password less common.</summary>
    private static string Fold(string value) =>
        new(value.Normalize(NormalizationForm.FormC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("WebmailLite.Recovery.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(Fold(line));
            }
        }
        return set;
    }

    /// <summary>Counts what a person sees as characters (an « é » typed as e + accent is one).</summary>
    private readonly struct StringInfoLength(string value)
    {
        public int Count { get; } = new System.Globalization.StringInfo(value.Normalize(NormalizationForm.FormC)).LengthInTextElements;
    }
}

public enum PasswordProblem
{
    Missing,
    TooShort,
    TooLong,
    Common,
    ContainsIdentifier,
    ControlCharacters,

    /// <summary>The académie's directory refused it: one of the last passwords of this account.</summary>
    RecentlyUsed,

    /// <summary>The académie's directory refused it: the password was changed too recently to change again yet.</summary>
    ChangedTooRecently,

    /// <summary>The académie's directory refused it for a rule of its own (length, quality) the app does not know.</summary>
    RefusedByDirectory,
}

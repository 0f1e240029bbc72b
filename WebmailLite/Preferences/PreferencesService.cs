using Microsoft.Extensions.Options;
using WebmailLite.Mail;

namespace WebmailLite.Preferences;

/// <summary>
/// The rules of « Préférences »: what may be saved (checked here, so no page can forget them), and what a missing
/// choice means (the server's <c>Mail:PageSize</c>, the language cookie).
/// </summary>
public sealed class PreferencesService(IPreferencesStore store, IOptions<MailOptions> mailOptions)
{
    /// <summary>A signature is a few lines (name, title, school, telephone), not a letter: 1,000 characters hold 12 full lines.</summary>
    public const int MaxSignatureLength = 1000;

    /// <summary>The languages offered, as two-letter codes (see <c>Infrastructure.Localization.Supported</c>).</summary>
    public static readonly IReadOnlyList<string> Languages = ["fr", "en"];

    public Task<UserPreferences> GetAsync(string identifier, CancellationToken cancellationToken) =>
        store.GetAsync(identifier, cancellationToken);

    /// <summary>Messages per page for this person: their choice, else the server's.</summary>
    public async Task<int> PageSizeAsync(string identifier, CancellationToken cancellationToken) =>
        (await store.GetAsync(identifier, cancellationToken)).PageSize ?? mailOptions.Value.PageSize;

    /// <summary>Checks, cleans (line ends, a « -- » line typed by the person, trailing blanks) and saves as a whole.</summary>
    public async Task<PreferencesChange> SaveAsync(string identifier, UserPreferences chosen, CancellationToken cancellationToken)
    {
        var issues = new List<PreferencesIssue>();
        if (chosen.PageSize is { } size && !UserPreferences.PageSizes.Contains(size))
        {
            issues.Add(PreferencesIssue.PageSize);
        }
        if (chosen.Language is { } language && !Languages.Contains(language))
        {
            issues.Add(PreferencesIssue.Language);
        }
        if (!Enum.IsDefined(chosen.SignaturePlacement))
        {
            issues.Add(PreferencesIssue.SignaturePlacement);
        }
        var signature = CleanSignature(chosen.Signature);
        if (signature.Length > MaxSignatureLength)
        {
            issues.Add(PreferencesIssue.SignatureTooLong);
        }
        else if (signature.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            issues.Add(PreferencesIssue.SignatureControlCharacters);
        }
        if (issues.Count > 0)
        {
            return new PreferencesChange(null, issues);
        }
        var saved = chosen with { Signature = signature };
        await store.SaveAsync(identifier, saved, cancellationToken);
        return new PreferencesChange(saved, []);
    }

    /// <summary>
    /// The signature as stored: « \n » line ends, no trailing blanks or empty lines, and without a « -- » line of its
    /// own at the top — the app adds the standard one when it inserts the signature, and one is enough.
    /// </summary>
    public static string CleanSignature(string? typed)
    {
        var lines = (typed ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }
        if (lines.Count > 0 && lines[0] == "--")
        {
            lines.RemoveAt(0);
        }
        return string.Join('\n', lines).Trim('\n');
    }
}

/// <summary>The outcome of <see cref="PreferencesService.SaveAsync"/>: what was saved, or why nothing was.</summary>
public sealed record PreferencesChange(UserPreferences? Saved, IReadOnlyList<PreferencesIssue> Issues);

public enum PreferencesIssue
{
    PageSize,
    Language,
    SignaturePlacement,
    SignatureTooLong,
    SignatureControlCharacters,
}

using Microsoft.Extensions.Localization;

namespace WebmailLite.Recovery;

/// <summary>The personal questions offered in « Sécurité du compte » (the person may also write their own).</summary>
public sealed class SuggestedQuestions(IStringLocalizer<RecoveryText> text)
{
    public const int Count = 8;

    private const string KeyPrefix = "Question_";

    public IReadOnlyList<string> All => Enumerable.Range(1, Count).Select(i => text[KeyPrefix + i].Value).ToList();

    /// <summary>
    /// The text to show for a stored question: a suggested one is stored by its key (« Question_3 ») and shown in
    /// the language of the moment, like the decoys; a question the person wrote is shown as written.
    /// </summary>
    public string Display(string stored) =>
        stored.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && int.TryParse(stored.AsSpan(KeyPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n is >= 1 and <= Count
            ? text[stored].Value
            : stored;
}

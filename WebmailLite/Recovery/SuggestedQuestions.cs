using Microsoft.Extensions.Localization;

namespace WebmailLite.Recovery;

/// <summary>
/// The personal questions offered in « Sécurité du compte » (the person may also write their own). A suggested
/// question is stored by its key (<c>Question_3</c>) and shown in the reader's language: stored as text, it would
/// come back in the language of enrolment, while decoys follow the visitor's — and the difference would tell.
/// </summary>
public sealed class SuggestedQuestions(IStringLocalizer<RecoveryText> text)
{
    public const int Count = 8;
    public const string KeyPrefix = "Question_";

    public static IReadOnlyList<string> Keys { get; } = [.. Enumerable.Range(1, Count).Select(i => KeyPrefix + i)];

    public IReadOnlyList<string> All => [.. Keys.Select(key => text[key].Value)];

    /// <summary>The text to show for a stored question: the translation of a key, or the person's own words.</summary>
    public string Display(string stored) => Keys.Contains(stored) ? text[stored].Value : stored;
}

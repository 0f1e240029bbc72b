using Microsoft.Extensions.Localization;

namespace WebmailLite.Recovery;

/// <summary>The personal questions offered in « Sécurité du compte » (the person may also write their own).</summary>
public sealed class SuggestedQuestions(IStringLocalizer<RecoveryText> text)
{
    public const int Count = 8;

    public IReadOnlyList<string> All => Enumerable.Range(1, Count).Select(i => text["Question_" + i].Value).ToList();
}

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// How much HTML from a message we are willing to build into a tree: at most <see cref="MaxLength"/> characters,
/// <see cref="MaxElements"/> elements, nested at most <see cref="MaxNestingDepth"/> deep (counted as
/// <see cref="HtmlBudgetMeter"/> does). See <see cref="HtmlTokenScan"/> for what a tree costs beyond that.
/// </summary>
internal sealed record HtmlBudget(int MaxLength, int MaxNestingDepth, int MaxElements)
{
    /// <summary>
    /// The one budget for mail. HTML bigger, deeper or with more elements than this is shown as its text instead of
    /// being sanitized, and quoted only up to there in a reply or a forward. Real mail stays well below: a large
    /// newsletter has a few thousand elements nested twenty deep, a long Outlook thread a few thousand more; hostile
    /// HTML would cost seconds to minutes of CPU on every view.
    /// </summary>
    public static HtmlBudget Mail { get; } = new(MaxLength: 1_000_000, MaxNestingDepth: 200, MaxElements: 10_000);
}

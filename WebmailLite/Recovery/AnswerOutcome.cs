namespace WebmailLite.Recovery;

/// <summary>Method 3's answer to one question: never shown to the person, only kept in the journey.</summary>
/// <param name="Right">Question 1: whether its answer was right. Question 2: whether both were (a code then went to the backup address, if any).</param>
/// <param name="Wait">Too many answers or requests lately: nothing was checked, the wait before the next try.</param>
public sealed record AnswerOutcome(bool Right, TimeSpan Wait = default);

namespace WebmailLite.Contacts;

/// <summary>
/// What a recipient field (À, Cc, Cci) suggests as a person types. Personal contacts today
/// (<see cref="ContactSuggestions"/>); the académie directory (a later issue) adds its own results beside them through
/// this same interface, so the compose page and its endpoint do not change.
/// </summary>
public interface IRecipientSuggestions
{
    /// <summary>
    /// At most <paramref name="max"/> recipients for <paramref name="typed"/> (the last address being typed in a
    /// field; empty for the person's usual recipients), the likeliest first, each address once.
    /// </summary>
    Task<IReadOnlyList<RecipientSuggestion>> SuggestAsync(string identifier, string typed, int max, CancellationToken cancellationToken);
}

/// <summary>One suggestion: what goes into the field (<see cref="Text"/>), and its parts for display.</summary>
public sealed record RecipientSuggestion(string Name, string Address, string Text);

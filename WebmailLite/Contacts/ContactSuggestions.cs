namespace WebmailLite.Contacts;

/// <summary>Suggestions from the person's own contacts: one per address, the most written to first.</summary>
public sealed class ContactSuggestions(IContactStore store) : IRecipientSuggestions
{
    public async Task<IReadOnlyList<RecipientSuggestion>> SuggestAsync(string identifier, string typed, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }
        var contacts = await store.SuggestAsync(identifier, typed, max, cancellationToken);
        var folded = SearchKey.Fold(typed.Trim());
        var suggestions = new List<RecipientSuggestion>();
        foreach (var contact in contacts)
        {
            // A contact with several addresses: the ones that match what was typed, or all when the name matched.
            var nameMatches = folded.Length == 0 || SearchKey.Fold(contact.Name).Contains(folded, StringComparison.Ordinal);
            foreach (var address in contact.Addresses.Where(a => nameMatches || SearchKey.Fold(a).Contains(folded, StringComparison.Ordinal)))
            {
                suggestions.Add(new RecipientSuggestion(contact.Name, address, contact.RecipientText(address)));
                if (suggestions.Count == max)
                {
                    return suggestions;
                }
            }
        }
        return suggestions;
    }
}

using WebmailLite.Contacts;

namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// Recipient suggestions with the académie's directory: the person's own contacts first (the people they write to),
/// then colleagues from the staff directory, each address once.
/// </summary>
public sealed class DirectorySuggestions(ContactSuggestions contacts, StaffDirectory staff) : IRecipientSuggestions
{
    public async Task<IReadOnlyList<RecipientSuggestion>> SuggestAsync(string identifier, string typed, int max, CancellationToken cancellationToken)
    {
        var found = (await contacts.SuggestAsync(identifier, typed, max, cancellationToken)).ToList();
        if (found.Count >= max || typed.Trim().Length == 0)
        {
            return found;
        }
        var seen = found.Select(s => s.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var member in staff.Search(typed, max + seen.Count))
        {
            if (seen.Add(member.Address))
            {
                found.Add(new RecipientSuggestion(member.Name, member.Address, Mail.Compose.Recipients.Format(new MimeKit.MailboxAddress(member.Name, member.Address))));
                if (found.Count == max)
                {
                    break;
                }
            }
        }
        return found;
    }
}

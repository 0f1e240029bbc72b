namespace WebmailLite.Contacts;

/// <summary>
/// A person's contacts, keyed by their normalised identifier (<see cref="Mail.Owner"/>), on LiteDB
/// (<see cref="LiteDbContactStore"/>) or PostgreSQL (<see cref="PostgresContactStore"/>); both pass one contract suite
/// (WebmailLite.Tests/Contacts/ContactStoreContractTests). Addresses are compared without case: one address
/// belongs to at most one contact of a person, so collecting and importing merge on it.
/// </summary>
public interface IContactStore
{
    /// <summary>
    /// Contacts whose name, address or note contains <paramref name="query"/>, accents and case ignored (all when it is
    /// empty), sorted by name; page <paramref name="page"/> (from 1) of <paramref name="pageSize"/>.
    /// </summary>
    Task<ContactPage> SearchAsync(string identifier, string? query, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="max"/> contacts whose name or an address starts a word with <paramref name="typed"/>
    /// (accents and case ignored; all when empty), the most written to first: what a recipient field suggests.
    /// </summary>
    Task<IReadOnlyList<Contact>> SuggestAsync(string identifier, string typed, int max, CancellationToken cancellationToken);

    Task<Contact?> GetAsync(string identifier, string id, CancellationToken cancellationToken);

    /// <summary>Every contact, sorted by name (the vCard export).</summary>
    Task<IReadOnlyList<Contact>> AllAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a contact typed in or imported. Refused (<c>null</c>, nothing stored) when one of its addresses already
    /// belongs to another contact of this person: <see cref="FindByAddressAsync"/> says which.
    /// </summary>
    Task<Contact?> AddAsync(string identifier, ContactDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a contact's name, addresses and note; it is then no longer « collected ». <c>false</c> when it does
    /// not exist (for this person) or an address belongs to another of their contacts.
    /// </summary>
    Task<bool> UpdateAsync(string identifier, string id, ContactDraft draft, CancellationToken cancellationToken);

    /// <summary><c>false</c> when there was no such contact for this person.</summary>
    Task<bool> DeleteAsync(string identifier, string id, CancellationToken cancellationToken);

    /// <summary>The contact holding <paramref name="address"/> (case ignored), or <c>null</c>.</summary>
    Task<Contact?> FindByAddressAsync(string identifier, string address, CancellationToken cancellationToken);

    /// <summary>
    /// A message was sent to <paramref name="recipients"/>: each address known already counts one more use; each
    /// unknown one becomes a collected contact named as typed (or by its address). Once per address per call.
    /// </summary>
    Task CollectAsync(string identifier, IReadOnlyList<SentRecipient> recipients, CancellationToken cancellationToken);
}

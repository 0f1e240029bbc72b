namespace WebmailLite.Contacts;

/// <summary>
/// A contact as a store keeps it: the contact, its owner, and the folded keys search and sorting use (LiteDB stores it
/// as is; PostgreSQL as a row, built with the same <see cref="Apply"/>).
/// </summary>
public sealed class ContactDocument
{
    public string Id { get; set; } = "";

    public string Owner { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Addresses { get; set; } = [];

    public string Note { get; set; } = "";

    public bool Collected { get; set; }

    /// <summary>Messages sent to this contact since it was stored: suggestions put the most written to first.</summary>
    public int Uses { get; set; }

    public DateTime LastUsed { get; set; }

    /// <summary><see cref="SearchKey.Fold"/> of the name (then the first address): the list's order.</summary>
    public string SortKey { get; set; } = "";

    /// <summary><see cref="SearchKey.Fold"/> of the name, addresses and note, one per line: what search looks in.</summary>
    public string Search { get; set; } = "";

    // LiteDB's mapper stores an empty string as null (EmptyStringToNull): read back as empty.
    public Contact ToContact() => new(Id, Name ?? "", Addresses, Note ?? "", Collected);

    public void Apply(ContactDraft draft)
    {
        Name = draft.Name.Trim();
        Addresses = [.. draft.Addresses];
        Note = draft.Note.Trim();
        SortKey = SearchKey.Fold(Name.Length > 0 ? Name : Addresses.FirstOrDefault());
        Search = string.Join('\n', [SearchKey.Fold(Name), .. Addresses.Select(SearchKey.Fold), SearchKey.Fold(Note)]);
    }
}

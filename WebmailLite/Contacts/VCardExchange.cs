using System.Text;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Contacts;

/// <summary>
/// « Exporter » and « Importer » of « Contacts »: all of a person's contacts as one .vcf file, and a .vcf file merged
/// into them on address — a card whose addresses are all known already is « déjà présent », never duplicated; cards
/// without a valid address are counted apart.
/// </summary>
public sealed class VCardExchange(IContactStore store)
{
    /// <summary>A few thousand contacts fit well under this; anything larger is not an address book.</summary>
    public const int MaxImportBytes = 1_048_576;

    public async Task<byte[]> ExportAsync(string identifier, CancellationToken cancellationToken)
    {
        var contacts = await store.AllAsync(identifier, cancellationToken);
        return Encoding.UTF8.GetBytes(VCard.Write(contacts.Select(c => new VCardEntry(c.Name, c.Addresses, c.Note))));
    }

    public async Task<ImportSummary> ImportAsync(string identifier, Stream file, long length, CancellationToken cancellationToken)
    {
        if (length <= 0)
        {
            return ImportSummary.Failed(ImportProblem.Empty);
        }
        if (length > MaxImportBytes)
        {
            return ImportSummary.Failed(ImportProblem.TooLarge);
        }
        string text;
        try
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            // vCard 4.0 is UTF-8 only; an old Windows-1252 export is rare enough to ask for a new one.
            return ImportSummary.Failed(ImportProblem.NotUtf8);
        }
        if (VCard.Read(text) is not { } entries)
        {
            return ImportSummary.Failed(ImportProblem.NotVCard);
        }
        int added = 0, present = 0, unusable = 0;
        foreach (var entry in entries)
        {
            var addresses = entry.Addresses
                .Select(a => Recipients.TryParseOne(a, out var mailbox) ? mailbox.Address : null)
                .OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(ContactBook.MaxAddresses)
                .ToList();
            if (addresses.Count == 0)
            {
                unusable++;
                continue;
            }
            var known = new List<string>();
            foreach (var address in addresses)
            {
                if (await store.FindByAddressAsync(identifier, address, cancellationToken) is not null)
                {
                    known.Add(address);
                }
            }
            var fresh = addresses.Except(known, StringComparer.OrdinalIgnoreCase).ToList();
            if (fresh.Count == 0)
            {
                present++;
                continue;
            }
            var name = HeaderText.Clean(entry.Name);
            var note = entry.Note.Replace("\0", "", StringComparison.Ordinal);
            if (await store.AddAsync(identifier, new ContactDraft(name[..Math.Min(name.Length, ContactBook.MaxNameLength)], fresh, note[..Math.Min(note.Length, ContactBook.MaxNoteLength)]), cancellationToken) is null)
            {
                present++;
            }
            else
            {
                added++;
            }
        }
        return new ImportSummary(null, added, present, unusable);
    }
}

public enum ImportProblem
{
    Missing,
    Empty,
    TooLarge,
    NotUtf8,
    NotVCard,
}

/// <summary>What an import did: a problem with the file, or how many cards were added, already there, unusable.</summary>
public sealed record ImportSummary(ImportProblem? Problem, int Added, int AlreadyPresent, int Unusable)
{
    public static ImportSummary Failed(ImportProblem problem) => new(problem, 0, 0, 0);
}

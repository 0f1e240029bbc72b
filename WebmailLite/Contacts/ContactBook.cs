using WebmailLite.Mail.Compose;

namespace WebmailLite.Contacts;

/// <summary>
/// The workflows of the « Contacts » pages: checking what a person typed, then storing it. Addresses are checked one by
/// one with MimeKit, by the same rule as the compose form (<see cref="Recipients.TryParseOne"/>), so an address
/// accepted here is accepted there.
/// </summary>
public sealed class ContactBook(IContactStore store)
{
    public const int MaxNameLength = 200;
    public const int MaxNoteLength = 2_000;
    public const int MaxAddresses = 20;

    /// <summary>Adds (<paramref name="id"/> <c>null</c>) or changes a contact; the problems found, by field, else none.</summary>
    public async Task<ContactSaveResult> SaveAsync(string identifier, string? id, string? name, string? addresses, string? note, CancellationToken cancellationToken)
    {
        var problems = new List<ContactProblem>();
        var cleanName = HeaderText.Clean(name ?? "");
        var cleanNote = (note ?? "").Replace("\0", "", StringComparison.Ordinal).Trim();
        var parsed = new List<string>();
        foreach (var piece in SplitAddresses(addresses))
        {
            if (Recipients.TryParseOne(piece, out var mailbox))
            {
                if (!parsed.Contains(mailbox.Address, StringComparer.OrdinalIgnoreCase))
                {
                    parsed.Add(mailbox.Address);
                }
            }
            else
            {
                problems.Add(new ContactProblem(ContactField.Addresses, ContactIssue.InvalidAddress, piece));
            }
        }
        if (parsed.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ContactProblem(ContactField.Addresses, ContactIssue.AddressMissing));
        }
        if (parsed.Count > MaxAddresses)
        {
            problems.Add(new ContactProblem(ContactField.Addresses, ContactIssue.TooManyAddresses, MaxAddresses.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (cleanName.Length > MaxNameLength)
        {
            problems.Add(new ContactProblem(ContactField.Name, ContactIssue.NameTooLong, MaxNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (cleanNote.Length > MaxNoteLength)
        {
            problems.Add(new ContactProblem(ContactField.Note, ContactIssue.NoteTooLong, MaxNoteLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (problems.Count == 0)
        {
            foreach (var address in parsed)
            {
                if (await store.FindByAddressAsync(identifier, address, cancellationToken) is { } other && other.Id != id)
                {
                    problems.Add(new ContactProblem(ContactField.Addresses, ContactIssue.AddressTaken, address, other.Name.Length > 0 ? other.Name : address));
                }
            }
        }
        if (problems.Count > 0)
        {
            return new ContactSaveResult(ContactSaveStatus.Invalid, problems);
        }
        var draft = new ContactDraft(cleanName, parsed, cleanNote);
        if (id is null)
        {
            return await store.AddAsync(identifier, draft, cancellationToken) is null
                ? new ContactSaveResult(ContactSaveStatus.Invalid, [new ContactProblem(ContactField.Addresses, ContactIssue.AddressTaken, parsed[0], parsed[0])])
                : new ContactSaveResult(ContactSaveStatus.Saved, []);
        }
        return await store.UpdateAsync(identifier, id, draft, cancellationToken)
            ? new ContactSaveResult(ContactSaveStatus.Saved, [])
            : new ContactSaveResult(ContactSaveStatus.NotFound, []);
    }

    /// <summary>The addresses field: one per line, or separated by commas or semicolons.</summary>
    public static IEnumerable<string> SplitAddresses(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum ContactField
{
    Name,
    Addresses,
    Note,
}

/// <summary>Why a contact was not saved; the text key is <c>ContactsText.Issue(issue)</c>.</summary>
public enum ContactIssue
{
    AddressMissing,
    InvalidAddress,
    AddressTaken,
    TooManyAddresses,
    NameTooLong,
    NoteTooLong,
}

/// <summary>One problem, with what the message names: the wrong address, or the address and the contact holding it.</summary>
public sealed record ContactProblem(ContactField Field, ContactIssue Issue, params string[] Arguments);

public enum ContactSaveStatus
{
    Saved,
    Invalid,
    NotFound,
}

public sealed record ContactSaveResult(ContactSaveStatus Status, IReadOnlyList<ContactProblem> Problems);

using LiteDB;
using WebmailLite.Storage;

namespace WebmailLite.Contacts;

/// <summary>
/// Contacts in LiteDB, one document per contact, indexed by owner. Searches narrow with LiteDB on the owner and the
/// folded text, then check in memory (LiteDB's LIKE would read « _ » and « % » typed by a person as wildcards). Changes
/// that must keep an address to one contact run under one process-wide lock: LiteDB's direct mode gives this process
/// sole use of the file, and its API is synchronous, so no lock or transaction is held across an await.
/// </summary>
public sealed class LiteDbContactStore : IContactStore
{
    private readonly ILiteCollection<ContactDocument> _contacts;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public LiteDbContactStore(AppDatabase database, TimeProvider time)
    {
        _contacts = database.Collection<ContactDocument>("contacts");
        _contacts.EnsureIndex(c => c.Owner);
        _time = time;
    }

    public Task<ContactPage> SearchAsync(string identifier, string? query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var matches = Matching(Mail.Owner.Of(identifier), SearchKey.Fold(query?.Trim()))
            .OrderBy(c => c.SortKey, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var items = matches.Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).Select(c => c.ToContact()).ToList();
        return Task.FromResult(new ContactPage(items, matches.Count));
    }

    public Task<IReadOnlyList<Contact>> SuggestAsync(string identifier, string typed, int max, CancellationToken cancellationToken)
    {
        var folded = SearchKey.Fold(typed.Trim());
        IReadOnlyList<Contact> found = Matching(Mail.Owner.Of(identifier), folded)
            .Where(c => folded.Length == 0 || SearchKey.StartsAWord(c.Search, folded))
            .OrderByDescending(c => c.Uses)
            .ThenByDescending(c => c.LastUsed)
            .ThenBy(c => c.SortKey, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.ToContact())
            .ToList();
        return Task.FromResult(found);
    }

    public Task<Contact?> GetAsync(string identifier, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Find(Mail.Owner.Of(identifier), id)?.ToContact());

    public Task<IReadOnlyList<Contact>> AllAsync(string identifier, CancellationToken cancellationToken)
    {
        IReadOnlyList<Contact> all = _contacts.Find(c => c.Owner == Mail.Owner.Of(identifier))
            .OrderBy(c => c.SortKey, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.ToContact())
            .ToList();
        return Task.FromResult(all);
    }

    public Task<Contact?> AddAsync(string identifier, ContactDraft draft, CancellationToken cancellationToken)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            if (draft.Addresses.Any(a => FindByAddress(owner, a) is not null))
            {
                return Task.FromResult<Contact?>(null);
            }
            var document = new ContactDocument { Id = NewId(), Owner = owner, LastUsed = DateTime.MinValue };
            document.Apply(draft);
            _contacts.Insert(document);
            return Task.FromResult<Contact?>(document.ToContact());
        }
    }

    public Task<bool> UpdateAsync(string identifier, string id, ContactDraft draft, CancellationToken cancellationToken)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            var document = Find(owner, id);
            if (document is null || draft.Addresses.Any(a => FindByAddress(owner, a) is { } other && other.Id != id))
            {
                return Task.FromResult(false);
            }
            document.Apply(draft);
            // Edited by the person: now theirs, no longer « collected ».
            document.Collected = false;
            return Task.FromResult(_contacts.Update(document));
        }
    }

    public Task<bool> DeleteAsync(string identifier, string id, CancellationToken cancellationToken)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            return Task.FromResult(Find(owner, id) is not null && _contacts.Delete(id));
        }
    }

    public Task<Contact?> FindByAddressAsync(string identifier, string address, CancellationToken cancellationToken) =>
        Task.FromResult(FindByAddress(Mail.Owner.Of(identifier), address)?.ToContact());

    public Task CollectAsync(string identifier, IReadOnlyList<SentRecipient> recipients, CancellationToken cancellationToken)
    {
        var owner = Mail.Owner.Of(identifier);
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            foreach (var recipient in recipients.DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase))
            {
                if (FindByAddress(owner, recipient.Address) is { } known)
                {
                    known.Uses++;
                    known.LastUsed = now;
                    _contacts.Update(known);
                    continue;
                }
                var document = new ContactDocument { Id = NewId(), Owner = owner, Collected = true, Uses = 1, LastUsed = now };
                document.Apply(new ContactDraft(recipient.Name, [recipient.Address], ""));
                _contacts.Insert(document);
            }
        }
        return Task.CompletedTask;
    }

    private IEnumerable<ContactDocument> Matching(string owner, string folded) =>
        (folded.Length == 0
            ? _contacts.Find(c => c.Owner == owner)
            : _contacts.Find(c => c.Owner == owner && c.Search.Contains(folded)))
        .Where(c => c.Search.Contains(folded, StringComparison.Ordinal));

    private ContactDocument? Find(string owner, string id) =>
        _contacts.FindById(id) is { } document && document.Owner == owner ? document : null;

    private ContactDocument? FindByAddress(string owner, string address) =>
        _contacts.Find(c => c.Owner == owner && c.Addresses.Contains(address))
            .FirstOrDefault(c => c.Addresses.Contains(address, StringComparer.OrdinalIgnoreCase));

    private static string NewId() => Guid.NewGuid().ToString("N");
}

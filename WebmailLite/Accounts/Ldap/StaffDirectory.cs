using WebmailLite.Contacts;

namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// The staff of the académie as recipient suggestions see them: name, account address and school of every active
/// person, read in full from the directory every <c>Accounts:Ldap:StaffRefresh</c> (<see cref="StaffDirectoryLoader"/>)
/// and searched in memory. LDAP matching rules compare accents as typed, and people type « helene » for « Hélène »:
/// here every word of a name and the address are indexed folded (<see cref="SearchKey.Fold"/>), sorted, so that a
/// query is a binary search for the prefix typed, a few microseconds among 50,000 people.
/// </summary>
public sealed class StaffDirectory
{
    private static readonly char[] WordSeparators = [' ', '-', '\'', '’', '.', '_', ',', '@'];
    private static readonly IReadOnlyDictionary<string, string> NoContacts = new Dictionary<string, string>();

    private volatile Snapshot _snapshot = new([], [], NoContacts);

    /// <summary>People in the last read (0 before the first one).</summary>
    public int Count => _snapshot.Members.Length;

    /// <summary>Identifier → contact address of every active person of the last read: the population of recovery's decoy masks.</summary>
    public IReadOnlyDictionary<string, string> ContactAddresses => _snapshot.Contacts;

    /// <summary>
    /// At most <paramref name="max"/> people whose name words or address begin with every word typed (accents and case
    /// ignored), in name order. Nothing for an empty query.
    /// </summary>
    public IReadOnlyList<StaffMember> Search(string typed, int max)
    {
        var tokens = SearchKey.Fold(typed).Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || max <= 0)
        {
            return [];
        }
        var snapshot = _snapshot;
        // The longest word typed narrows the range most; the others must each begin some word of the same person.
        var key = tokens.MaxBy(t => t.Length)!;
        var candidates = new HashSet<int>();
        for (var i = LowerBound(snapshot.Words, key); i < snapshot.Words.Length && snapshot.Words[i].Word.StartsWith(key, StringComparison.Ordinal); i++)
        {
            candidates.Add(snapshot.Words[i].Member);
        }
        return candidates
            .Select(i => snapshot.Members[i])
            .Where(m => tokens.All(t => m.Words.Any(w => w.StartsWith(t, StringComparison.Ordinal))))
            .OrderBy(m => m.SortKey, StringComparer.Ordinal)
            .ThenBy(m => m.Address, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>Replaces the whole directory at once: searches in progress finish on the previous one.</summary>
    public void Replace(IEnumerable<StaffMember> members, IReadOnlyDictionary<string, string> contacts)
    {
        var list = members.ToArray();
        var words = new List<(string Word, int Member)>(list.Length * 4);
        for (var i = 0; i < list.Length; i++)
        {
            foreach (var word in list[i].Words.Distinct())
            {
                words.Add((word, i));
            }
        }
        words.Sort((a, b) => string.CompareOrdinal(a.Word, b.Word));
        _snapshot = new Snapshot(list, words.ToArray(), contacts);
    }

    /// <summary>The words a person is found by: each word of the name, the address whole and its parts, all folded.</summary>
    public static string[] WordsOf(string name, string address)
    {
        var folded = SearchKey.Fold(address);
        return SearchKey.Fold(name).Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Concat(folded.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
            .Append(folded)
            .ToArray();
    }

    private static int LowerBound((string Word, int Member)[] words, string key)
    {
        int low = 0, high = words.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(words[middle].Word, key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private sealed record Snapshot(StaffMember[] Members, (string Word, int Member)[] Words, IReadOnlyDictionary<string, string> Contacts);
}

/// <summary>One person of the staff directory.</summary>
public sealed class StaffMember(string name, string address, string? school)
{
    public string Name { get; } = name;
    public string Address { get; } = address;
    public string? School { get; } = school;
    internal string[] Words { get; } = StaffDirectory.WordsOf(name, address);
    internal string SortKey { get; } = Contacts.SearchKey.Fold(name);
}

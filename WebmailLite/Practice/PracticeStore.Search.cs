using WebmailLite.Mail;

namespace WebmailLite.Practice;

// Reads for sorted lists and search. A practice folder holds tens of messages, not thousands: reading a folder's
// summaries (never the sources) to sort them is cheap here, and keeps one ordering rule (SortKeys) for both mailboxes.
public sealed partial class PracticeStore
{
    /// <summary>Summaries by UID ascending (arrival order), skipping <paramref name="skip"/>: the index walked forwards.</summary>
    public IReadOnlyList<MessageSummary> ReadOldestFirst(string identifier, string folderFullName, int skip, int limit)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null || limit <= 0)
        {
            return [];
        }
        return _messages.Query()
            .Where(LiteDB.Query.Between("_id", MessageKey(folder.Id, 0), MessageKey(folder.Id, uint.MaxValue)))
            .OrderBy("_id")
            .Skip(Math.Max(0, skip))
            .Limit(limit)
            .ToEnumerable()
            .Select(ToSummary)
            .ToList();
    }

    /// <summary>Every summary of the folder, in arrival order; empty when the folder does not exist.</summary>
    public IReadOnlyList<MessageSummary> ReadAll(string identifier, string folderFullName) =>
        ReadOldestFirst(identifier, folderFullName, 0, int.MaxValue);
}

using WebmailLite.Mail;

namespace WebmailLite.Practice;

// Filtered lists and « tout marquer comme lu », with the IMAP mailbox's rules (a practice folder holds tens of messages:
// its summaries are read whole, as for sorting).
public sealed partial class PracticeMailbox
{
    public Task<FilteredListPage?> GetFilteredMessagesAsync(string folder, MessageFilter filter, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = store.FindFolder(Identifier, folder);
        if (found is null)
        {
            return Task.FromResult<FilteredListPage?>(null);
        }
        var kept = store.ReadAll(Identifier, found.FullName)
            .Where(m => filter == MessageFilter.Unread ? !m.Seen : m.HasAttachments)
            .ToList();
        var ordered = sort == MessageSort.Newest ? kept.OrderByDescending(m => m.Uid) : SortKeys.Order(kept, sort, m => m);
        var (current, pageCount) = Paging(kept.Count, page, pageSize);
        var rows = ordered.Skip((current - 1) * pageSize).Take(pageSize).ToList();
        var list = new MessageListPage(found, current, pageCount, rows);
        return Task.FromResult<FilteredListPage?>(new FilteredListPage(new SortedListPage(list, sort, SortRefused: false), filter, kept.Count));
    }

    public Task<int?> MarkFolderReadAsync(string folder, uint upToUid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.MarkRead(Identifier, folder, upToUid));
    }
}

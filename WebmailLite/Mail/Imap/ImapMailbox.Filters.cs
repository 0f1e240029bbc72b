using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;

namespace WebmailLite.Mail.Imap;

// Filtered lists and « tout marquer comme lu ». The server selects (SEARCH, SORT on the filter); only the page's
// envelopes are fetched, as for the plain list.
public sealed partial class ImapMailbox
{
    public Task<FilteredListPage?> GetFilteredMessagesAsync(string folder, MessageFilter filter, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken)
    {
        return UseImapAsync(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
            if (opened is null)
            {
                return null;
            }
            var query = filter == MessageFilter.Unread
                ? SearchQuery.NotSeen
                : SearchQuery.HeaderContains("Content-Type", "multipart/mixed");
            var applied = sort;
            IList<UniqueId> ordered;
            if (sort is MessageSort.Newest or MessageSort.Oldest)
            {
                // UIDs grow with arrival: the search's ascending UIDs are arrival order.
                var found = await SearchUidsAsync(client, opened, query, ct);
                ordered = sort == MessageSort.Newest ? found.Reverse().ToList() : found;
            }
            else if (await SortUidsAsync(client, opened, query, sort, ct) is { } bySort)
            {
                ordered = bySort;
            }
            else
            {
                applied = MessageSort.Newest;
                ordered = (await SearchUidsAsync(client, opened, query, ct)).Reverse().ToList();
            }
            var (current, pageCount) = Paging(ordered.Count, page, pageSize);
            var rows = await FetchInOrderAsync(opened, ordered.Skip((current - 1) * pageSize).Take(pageSize).ToList(), ct);
            var unread = filter == MessageFilter.Unread ? ordered.Count : await CountUnreadAsync(client, opened, ct);
            var list = new MessageListPage(ToMailFolder(opened, client, unread), current, pageCount, rows.Select(ToMessageSummary).ToList());
            return new FilteredListPage(new SortedListPage(list, applied, SortRefused: applied != sort), filter, ordered.Count);
        }, cancellationToken);
    }

    public Task<int?> MarkFolderReadAsync(string folder, uint upToUid, CancellationToken cancellationToken) =>
        UseImapAsync<int?>(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadWrite, ct);
            if (opened is null)
            {
                return null;
            }
            if (upToUid == 0)
            {
                return 0;
            }
            var query = SearchQuery.NotSeen.And(SearchQuery.Uids(new UniqueIdRange(UniqueId.MinValue, new UniqueId(upToUid))));
            var unread = await SearchUidsAsync(client, opened, query, ct);
            if (unread.Count > 0)
            {
                await opened.AddFlagsAsync(unread, MessageFlags.Seen, silent: true, ct);
            }
            return unread.Count;
        }, cancellationToken);
}

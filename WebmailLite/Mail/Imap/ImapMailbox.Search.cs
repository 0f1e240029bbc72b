using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace WebmailLite.Mail.Imap;

// Sorted pages and search. The server sorts and searches (SORT, SEARCH); this side only ever fetches the envelopes of
// the page shown, so a page costs the same in a folder of 50 or of 50,000 messages.
public sealed partial class ImapMailbox
{
    /// <summary>
    /// Without SORT on the server, folders (or search results) up to this many messages are sorted here, from their
    /// sort key alone: RFC822.SIZE, or the From or Subject header (about 30 to 150 bytes a message, one FETCH). Larger
    /// ones are shown newest first with a note. 1,000 keeps that FETCH around 100 KB and well under a second on a
    /// school's link to the académie; Dovecot, Cyrus and most servers have SORT and never get here.
    /// </summary>
    public const int DefaultSortFallbackLimit = 1000;

    internal int SortFallbackLimit { get; set; } = DefaultSortFallbackLimit;

    // Only touched inside the gate (UseImapAsync), like the connection it was read through.
    private AccentWindowRows? _accentWindow;

    /// <summary>For tests of the fallback against a Dovecot that has SORT: act as if it had not.</summary>
    internal bool UseServerSort { get; set; } = true;

    public async Task<SortedListPage?> GetMessagesAsync(string folder, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (sort == MessageSort.Newest)
        {
            // The default order is the plain list's: sequence numbers, nothing to sort.
            var list = await GetMessagesAsync(folder, page, pageSize, cancellationToken);
            return list is null ? null : new SortedListPage(list, MessageSort.Newest, SortRefused: false);
        }

        return await UseImapAsync(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
            if (opened is null)
            {
                return null;
            }
            var total = opened.Count;
            var (current, pageCount) = Paging(total, page, pageSize);
            var applied = sort;
            IReadOnlyList<IMessageSummary> rows = [];
            if (total > 0 && sort == MessageSort.Oldest)
            {
                // Oldest first is arrival order: an index range from the start, as cheap as the default.
                var min = (current - 1) * pageSize;
                var max = Math.Min(total - 1, min + pageSize - 1);
                rows = (await opened.FetchAsync(min, max, new FetchRequest(ListItems), ct)).OrderBy(s => s.Index).ToList();
            }
            else if (total > 0)
            {
                var ordered = await SortUidsAsync(client, opened, SearchQuery.All, sort, ct);
                if (ordered is null)
                {
                    applied = MessageSort.Newest;
                    var max = total - 1 - (current - 1) * pageSize;
                    var min = Math.Max(0, max - pageSize + 1);
                    rows = (await opened.FetchAsync(min, max, new FetchRequest(ListItems), ct)).OrderByDescending(s => s.Index).ToList();
                }
                else
                {
                    rows = await FetchInOrderAsync(opened, ordered.Skip((current - 1) * pageSize).Take(pageSize).ToList(), ct);
                }
            }
            var unread = await CountUnreadAsync(client, opened, ct);
            var listPage = new MessageListPage(ToMailFolder(opened, client, unread), current, pageCount, rows.Select(ToMessageSummary).ToList());
            return new SortedListPage(listPage, applied, SortRefused: applied != sort);
        }, cancellationToken);
    }

    public async Task<SearchResultPage?> SearchAsync(MessageSearch search, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var terms = SearchTerms.Split(search.Text);
        var query = Query(terms, search.InText);
        if (!search.InText)
        {
            return await RunAsync(cancellationToken);
        }

        // A search in the text makes the server read every message: past BodyTimeout the page asks to narrow it, rather
        // than waiting for Mail:Timeout and saying the service does not answer. The abandoned command drops the
        // connection (UseImapAsync); the next click reconnects.
        // Never at or past Mail:Timeout, where MailKit's own timeout would answer « unavailable » first.
        var limit = TimeSpan.FromTicks(Math.Min(_options.Search.BodyTimeout.Ticks, _timeout.Ticks * 9 / 10));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        try
        {
            return await RunAsync(timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("IMAP search in the text on {Endpoint} passed {Limit}; abandoned", Endpoint, limit);
            throw new SearchTooLongException(limit);
        }

        Task<SearchResultPage?> RunAsync(CancellationToken token) => search.Folder is { } folder
            ? UseImapAsync(async (client, ct) => await SearchFolderAsync(client, folder, query, terms, search.Sort, page, pageSize, ct), token)
            : UseImapAsync<SearchResultPage?>(async (client, ct) => await SearchEveryFolderAsync(client, query, terms, page, pageSize, ct), token);
    }

    private async Task<SearchResultPage?> SearchFolderAsync(
        ImapClient client, string folder, SearchQuery query, IReadOnlyList<string> terms, MessageSort sort, int page, int pageSize, CancellationToken ct)
    {
        var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
        if (opened is null)
        {
            return null;
        }
        var applied = sort;
        IList<UniqueId> ordered = [];
        if (terms.Count > 0 && opened.Count > 0)
        {
            var accented = await AccentMatchesAsync(opened, terms, ct);
            if (sort is MessageSort.Newest or MessageSort.Oldest)
            {
                // UIDs grow with arrival: the search's own UIDs give both date orders, no SORT needed.
                var found = await SearchUidsAsync(client, opened, query, accented, ct);
                ordered = sort == MessageSort.Newest ? found.Reverse().ToList() : found;
            }
            else if (await SortUidsAsync(client, opened, WithUids(query, accented), sort, ct) is { } sorted)
            {
                ordered = sorted;
            }
            else
            {
                applied = MessageSort.Newest;
                ordered = (await SearchUidsAsync(client, opened, query, accented, ct)).Reverse().ToList();
            }
        }
        var (current, pageCount) = Paging(ordered.Count, page, pageSize);
        var rows = await FetchInOrderAsync(opened, ordered.Skip((current - 1) * pageSize).Take(pageSize).ToList(), ct);
        var mailFolder = ToMailFolder(opened, client, await CountUnreadAsync(client, opened, ct));
        var messages = rows.Select(r => new FoundMessage(mailFolder, ToMessageSummary(r))).ToList();
        return new SearchResultPage(mailFolder, current, pageCount, ordered.Count, messages, applied, SortRefused: applied != sort);
    }

    // Every folder in the folder list's order, newest first within each: one SEARCH per folder (UIDs only), then the
    // envelopes of the page's rows, so the cost grows with the number of folders and the page size, not with the mail.
    private async Task<SearchResultPage> SearchEveryFolderAsync(ImapClient client, SearchQuery query, IReadOnlyList<string> terms, int page, int pageSize, CancellationToken ct)
    {
        var matches = new List<(MailFolder Folder, IList<UniqueId> Uids)>();
        if (terms.Count > 0)
        {
            foreach (var folder in await ListFoldersAsync(client, ct))
            {
                if (folder.Total == 0 || await OpenFolderAsync(client, folder.FullName, FolderAccess.ReadOnly, ct) is not { } opened)
                {
                    continue;
                }
                var found = await SearchUidsAsync(client, opened, query, await AccentMatchesAsync(opened, terms, ct), ct);
                if (found.Count > 0)
                {
                    matches.Add((folder, found.Reverse().ToList()));
                }
            }
        }
        var total = matches.Sum(m => m.Uids.Count);
        var (current, pageCount) = Paging(total, page, pageSize);
        var messages = new List<FoundMessage>();
        var skip = (current - 1) * pageSize;
        foreach (var (folder, uids) in matches)
        {
            if (messages.Count == pageSize)
            {
                break;
            }
            if (skip >= uids.Count)
            {
                skip -= uids.Count;
                continue;
            }
            var slice = uids.Skip(skip).Take(pageSize - messages.Count).ToList();
            skip = 0;
            if (await OpenFolderAsync(client, folder.FullName, FolderAccess.ReadOnly, ct) is { } opened)
            {
                messages.AddRange((await FetchInOrderAsync(opened, slice, ct)).Select(r => new FoundMessage(folder, ToMessageSummary(r))));
            }
        }
        return new SearchResultPage(null, current, pageCount, total, messages, MessageSort.Newest, SortRefused: false);
    }

    /// <summary>
    /// The messages among the newest <see cref="MailSearchOptions.AccentWindow"/> whose subject or sender holds every
    /// term once accents are ignored (SearchTerms, the practice mailbox's rule): found here, since IMAP SEARCH folds case
    /// only. Empty when the window is off or no term has a letter.
    /// </summary>
    private async Task<IReadOnlyList<UniqueId>> AccentMatchesAsync(IMailFolder opened, IReadOnlyList<string> terms, CancellationToken ct)
    {
        var window = _options.Search.AccentWindow;
        if (window == 0 || opened.Count == 0 || !SearchTerms.HasLetter(terms))
        {
            return [];
        }
        return (await AccentWindowAsync(opened, window, ct))
            .Where(m => terms.All(term => SearchTerms.InSubjectOrSender(m, term)))
            .Select(m => new UniqueId(m.Uid))
            .ToList();
    }

    /// <summary>
    /// The server's answer and the accent window's, in UID (arrival) order. Joined here rather than sent as
    /// « OR … UID set »: measured at 100,000 messages, Dovecot's SEARCH took about 300 ms longer with the UID set in it.
    /// </summary>
    private static async Task<IList<UniqueId>> SearchUidsAsync(ImapClient client, IMailFolder opened, SearchQuery query, IReadOnlyList<UniqueId> accented, CancellationToken ct)
    {
        var found = await SearchUidsAsync(client, opened, query, ct);
        return accented.Count == 0 ? found : found.Concat(accented).DistinctBy(u => u.Id).OrderBy(u => u.Id).ToList();
    }

    /// <summary>For SORT, which must order the whole: the accent window's messages added to the query as a UID set.</summary>
    private static SearchQuery WithUids(SearchQuery query, IReadOnlyList<UniqueId> accented) =>
        accented.Count == 0 ? query : query.Or(SearchQuery.Uids(accented.ToList()));

    /// <summary>
    /// Subject and sender of the newest <paramref name="window"/> messages. Their UIDs first (a few bytes each), then the
    /// two header lines only of those not read by this session's previous search in the folder: paging or re-sorting
    /// results, or searching again after new mail, costs the UID list and the new messages. Kept for one folder (at most
    /// the window, about 200 KB), inside the gate like the connection.
    /// </summary>
    private async Task<IReadOnlyList<MessageSummary>> AccentWindowAsync(IMailFolder opened, int window, CancellationToken ct)
    {
        var uids = (await opened.FetchAsync(Math.Max(0, opened.Count - window), -1, new FetchRequest(MessageSummaryItems.UniqueId), ct))
            .Select(s => s.UniqueId).ToList();
        var known = _accentWindow is { } cached && cached.Folder == opened.FullName && cached.UidValidity == opened.UidValidity
            ? cached.Rows
            : new Dictionary<uint, MessageSummary>();
        var missing = uids.Where(u => !known.ContainsKey(u.Id)).ToList();
        if (missing.Count > 0)
        {
            var request = new FetchRequest(MessageSummaryItems.UniqueId) { Headers = new HeaderSet([HeaderId.From, HeaderId.Subject]) };
            foreach (var summary in await opened.FetchAsync(missing, request, ct))
            {
                known[summary.UniqueId.Id] = KeyOnly(summary);
            }
        }
        var rows = uids.Select(u => known.GetValueOrDefault(u.Id)).OfType<MessageSummary>().ToList();
        _accentWindow = new AccentWindowRows(opened.FullName, opened.UidValidity, rows.ToDictionary(r => r.Uid));
        return rows;
    }

    /// <summary>The subject and sender of a folder's newest messages, as last read (see <see cref="AccentWindowAsync"/>).</summary>
    private sealed record AccentWindowRows(string Folder, uint UidValidity, Dictionary<uint, MessageSummary> Rows);

    /// <summary>
    /// UIDs of the messages matching <paramref name="query"/> in the order asked, sorted by the server (SORT, RFC 5256);
    /// <c>null</c> when the server cannot sort and there are more than <see cref="SortFallbackLimit"/> of them.
    /// </summary>
    private async Task<IList<UniqueId>?> SortUidsAsync(ImapClient client, IMailFolder opened, SearchQuery query, MessageSort sort, CancellationToken ct)
    {
        if (UseServerSort && client.Capabilities.HasFlag(ImapCapabilities.Sort))
        {
            OrderBy[] orderBy = [sort switch
            {
                // SORT=DISPLAY (RFC 5957) sorts by the name people see; plain FROM would sort by the address's local part.
                MessageSort.Sender => client.Capabilities.HasFlag(ImapCapabilities.SortDisplay) ? OrderBy.DisplayFrom : OrderBy.From,
                MessageSort.Subject => OrderBy.Subject,
                MessageSort.Largest => OrderBy.ReverseSize,
                MessageSort.Oldest => OrderBy.Arrival,
                _ => OrderBy.ReverseArrival,
            }];
            // ESORT (RFC 5267) RETURN (ALL) answers with ranges where consecutive UIDs follow each other in the order,
            // instead of every UID. Dovecot 2.3 has no PARTIAL (RFC 9394), which would return only the page's UIDs.
            return client.Capabilities.HasFlag(ImapCapabilities.ESort)
                ? (await opened.SortAsync(SearchOptions.All, query, orderBy, ct)).UniqueIds
                : await opened.SortAsync(query, orderBy, ct);
        }

        // The bounded fallback: fetch only the sort key of at most SortFallbackLimit messages and sort here.
        IList<UniqueId>? candidates = null;
        if (!ReferenceEquals(query, SearchQuery.All))
        {
            candidates = await SearchUidsAsync(client, opened, query, ct);
        }
        var count = candidates?.Count ?? opened.Count;
        if (count > SortFallbackLimit)
        {
            return null;
        }
        if (count == 0)
        {
            return [];
        }
        var request = sort switch
        {
            MessageSort.Largest => new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size),
            MessageSort.Sender => new FetchRequest(MessageSummaryItems.UniqueId) { Headers = new HeaderSet([HeaderId.From]) },
            MessageSort.Subject => new FetchRequest(MessageSummaryItems.UniqueId) { Headers = new HeaderSet([HeaderId.Subject]) },
            _ => new FetchRequest(MessageSummaryItems.UniqueId),
        };
        var keys = candidates is null
            ? await opened.FetchAsync(0, -1, request, ct)
            : await opened.FetchAsync(candidates, request, ct);
        return SortKeys.Order(keys.Select(KeyOnly), sort, s => s).Select(s => new UniqueId(s.Uid)).ToList();
    }

    // A summary holding only what the sort needs, so the practice mailbox and this fallback share one rule (SortKeys).
    private static MessageSummary KeyOnly(IMessageSummary summary)
    {
        var fromName = "";
        var fromAddress = "";
        if (summary.Headers?[HeaderId.From] is { } fromHeader
            && InternetAddressList.TryParse(fromHeader, out var list) && list.Mailboxes.FirstOrDefault() is { } from)
        {
            fromName = from.Name ?? "";
            fromAddress = from.Address ?? "";
        }
        var subject = summary.Headers?[HeaderId.Subject] ?? "";
        return new MessageSummary(summary.UniqueId.Id, fromName, fromAddress, subject, default, summary.Size ?? 0, false, false, false);
    }

    // Envelopes of exactly these UIDs, in this order (FETCH answers in sequence order; a UID gone meanwhile is skipped).
    private static async Task<IReadOnlyList<IMessageSummary>> FetchInOrderAsync(IMailFolder opened, IList<UniqueId> uids, CancellationToken ct)
    {
        if (uids.Count == 0)
        {
            return [];
        }
        var fetched = (await opened.FetchAsync(uids, new FetchRequest(ListItems), ct)).ToDictionary(s => s.UniqueId.Id);
        return uids.Select(u => fetched.GetValueOrDefault(u.Id)).OfType<IMessageSummary>().ToList();
    }

    private static async Task<int> CountUnreadAsync(ImapClient client, IMailFolder opened, CancellationToken ct) =>
        client.Capabilities.HasFlag(ImapCapabilities.ESearch)
            ? (await opened.SearchAsync(SearchOptions.Count, SearchQuery.NotSeen, ct)).Count
            : (await opened.SearchAsync(SearchQuery.NotSeen, ct)).Count;

    private static (int Current, int PageCount) Paging(int total, int page, int pageSize)
    {
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(page, 1, pageCount), pageCount);
    }

    // Every term in the sender or the subject (headers only, so Dovecot answers from its cache), and with inText in the
    // recipients or the text as well (Dovecot then reads every message). IMAP SEARCH is case-insensitive; a term typed
    // with accents is also asked without them (« élèves » finds « eleves » in the whole folder), the other way round is
    // the accent window's work (WithAccentWindowAsync).
    private static SearchQuery Query(IReadOnlyList<string> terms, bool inText)
    {
        SearchQuery? all = null;
        foreach (var term in terms)
        {
            var any = Anywhere(term, inText);
            if (SearchTerms.WithoutAccents(term) is { } plain)
            {
                any = any.Or(Anywhere(plain, inText));
            }
            all = all is null ? any : all.And(any);
        }
        return all ?? SearchQuery.All;
    }

    private static SearchQuery Anywhere(string term, bool inText)
    {
        var any = SearchQuery.FromContains(term).Or(SearchQuery.SubjectContains(term));
        if (inText)
        {
            any = any.Or(SearchQuery.ToContains(term))
                .Or(SearchQuery.CcContains(term))
                .Or(SearchQuery.BccContains(term))
                .Or(SearchQuery.BodyContains(term));
        }
        return any;
    }
}

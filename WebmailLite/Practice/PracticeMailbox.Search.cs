using MimeKit;
using WebmailLite.Mail;

namespace WebmailLite.Practice;

// Sorting and searching: case and accents do not matter, every term must appear in the subject or the sender (and,
// when the person asks for it, in the recipients or the text).
public sealed partial class PracticeMailbox
{
    public async Task<SortedListPage?> GetMessagesAsync(string folder, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (sort == MessageSort.Newest)
        {
            var list = await GetMessagesAsync(folder, page, pageSize, cancellationToken);
            return list is null ? null : new SortedListPage(list, sort, SortRefused: false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var found = store.FindFolder(Identifier, folder);
        if (found is null)
        {
            return null;
        }
        var (current, pageCount) = Paging(found.Total, page, pageSize);
        var skip = (current - 1) * pageSize;
        var messages = sort == MessageSort.Oldest
            ? store.ReadOldestFirst(Identifier, found.FullName, skip, pageSize)
            : SortKeys.Order(store.ReadAll(Identifier, found.FullName), sort, s => s).Skip(skip).Take(pageSize).ToList();
        return new SortedListPage(new MessageListPage(found, current, pageCount, messages), sort, SortRefused: false);
    }

    public Task<SearchResultPage?> SearchAsync(MessageSearch search, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var terms = SearchTerms.Split(search.Text);
        MailFolder? only = null;
        IEnumerable<FoundMessage> matches;
        if (search.Folder is { } name)
        {
            only = store.FindFolder(Identifier, name);
            if (only is null)
            {
                return Task.FromResult<SearchResultPage?>(null);
            }
            var inFolder = terms.Count == 0 ? [] : store.ReadAll(Identifier, only.FullName).Where(m => Matches(only.FullName, m, terms, search.InText));
            matches = SortKeys.Order(inFolder, search.Sort, s => s).Select(m => new FoundMessage(only, m));
        }
        else
        {
            // Folder by folder, in the folder list's order, newest first within each: as the IMAP mailbox does.
            matches = terms.Count == 0 ? [] : FolderOrder.Sort(store.GetFolders(Identifier)).SelectMany(folder =>
                store.ReadAll(Identifier, folder.FullName)
                    .Where(m => Matches(folder.FullName, m, terms, search.InText))
                    .OrderByDescending(m => m.Uid)
                    .Select(m => new FoundMessage(folder, m)));
        }
        var all = matches.ToList();
        var (current, pageCount) = Paging(all.Count, page, pageSize);
        var rows = all.Skip((current - 1) * pageSize).Take(pageSize).ToList();
        var sort = only is null ? MessageSort.Newest : search.Sort;
        return Task.FromResult<SearchResultPage?>(new SearchResultPage(only, current, pageCount, all.Count, rows, sort, SortRefused: false));
    }

    private bool Matches(string folder, MessageSummary summary, IReadOnlyList<string> terms, bool inText)
    {
        // The summary's fields first: the source is parsed only when a term is not found there.
        MimeMessage? message = null;
        foreach (var term in terms)
        {
            if (SearchTerms.InSubjectOrSender(summary, term))
            {
                continue;
            }
            if (!inText)
            {
                return false;
            }
            message ??= Load(folder, summary.Uid);
            if (message is null || !InRecipientsOrText(message, term))
            {
                return false;
            }
        }
        return true;
    }

    private static bool InRecipientsOrText(MimeMessage message, string term) =>
        message.From.Mailboxes.Concat(message.To.Mailboxes).Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Any(m => Contains(m.Name, term) || Contains(m.Address, term))
        || message.BodyParts.OfType<TextPart>().Any(part => Contains(part.Text, term));

    // Accents and case do not matter (« eleves » finds « Élèves »): both sides folded by the one rule, SearchTerms.Fold.
    private static bool Contains(string? text, string term) => SearchTerms.Contains(text, term);

    private static (int Current, int PageCount) Paging(int total, int page, int pageSize)
    {
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(page, 1, pageCount), pageCount);
    }
}

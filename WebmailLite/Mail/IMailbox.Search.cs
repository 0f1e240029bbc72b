namespace WebmailLite.Mail;

// Sorted lists and search, implemented by both mailboxes. As for IMailbox.GetMessagesAsync, only the
// envelopes of the page shown are fetched; sorting and searching run on the server (IMAP SORT and SEARCH).
public partial interface IMailbox
{
    /// <summary>
    /// One page of a folder in the order asked. <see cref="MessageSort.Newest"/> and <see cref="MessageSort.Oldest"/> follow
    /// arrival and cost no more than the plain list. When the server cannot sort and the folder is too large for the
    /// bounded fallback, the page comes newest first and <see cref="SortedListPage.SortRefused"/> says so.
    /// <c>null</c> when the folder does not exist.
    /// </summary>
    Task<SortedListPage?> GetMessagesAsync(string folder, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken);

    /// <summary>
    /// Messages where every term of <see cref="MessageSearch.Text"/> appears in the subject or the sender (and, with
    /// <see cref="MessageSearch.InText"/>, the recipients or the text); case does not matter. In one folder the results follow <see cref="MessageSearch.Sort"/>; across all
    /// folders they come folder by folder (in the folder list's order), newest first within each. <c>null</c> when
    /// the folder does not exist.
    /// </summary>
    Task<SearchResultPage?> SearchAsync(MessageSearch search, int page, int pageSize, CancellationToken cancellationToken);
}

/// <summary>The orders a list can be shown in.</summary>
public enum MessageSort
{
    /// <summary>Newest arrival first: the default, and the cheapest.</summary>
    Newest,
    Oldest,

    /// <summary>By sender's display name (or address when it has none), A to Z.</summary>
    Sender,

    /// <summary>By subject without « Re: » or « Fwd: », A to Z.</summary>
    Subject,

    /// <summary>Largest first.</summary>
    Largest,
}

/// <summary>A page of a folder in <see cref="Sort"/>, the order really applied (<see cref="MessageSort.Newest"/> when the requested one was refused).</summary>
public sealed record SortedListPage(MessageListPage List, MessageSort Sort, bool SortRefused);

/// <summary>
/// What to look for; <paramref name="Folder"/> <c>null</c> means every folder. By default only the subject and the
/// sender are searched (cheap: headers only); <paramref name="InText"/> adds the recipients and the text, which makes
/// the server read every message of the folder.
/// </summary>
public sealed record MessageSearch(string Text, string? Folder, MessageSort Sort = MessageSort.Newest, bool InText = false);

/// <summary>One page of search results. <see cref="Folder"/> is <c>null</c> for a search in every folder.</summary>
public sealed record SearchResultPage(
    MailFolder? Folder,
    int Page,
    int PageCount,
    int Total,
    IReadOnlyList<FoundMessage> Messages,
    MessageSort Sort,
    bool SortRefused);

/// <summary>A search result and the folder it is in.</summary>
public sealed record FoundMessage(MailFolder Folder, MessageSummary Message);

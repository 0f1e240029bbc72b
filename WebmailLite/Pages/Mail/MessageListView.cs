using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// What <c>_MessageList</c> renders: the table of a folder page or of search results, and its pager. The same markup
/// is the whole page's list and the fragment htmx swaps in, so both paths show exactly the same rows. <c>Back</c>: where
/// a message opened from these rows returns after an action (search results; <c>null</c> for a folder's own list).
/// </summary>
public sealed record MessageListView(
    string Caption,
    IReadOnlyList<FoundMessage> Rows,
    int Page,
    int PageCount,
    Func<int, string> PageUrl,
    string EmptyText,
    MessageSort Sort,
    bool Selectable,
    IReadOnlySet<uint> Selected,
    bool ShowFolder = false,
    bool SelectionInvalid = false,
    string? Back = null)
{
    /// <summary>The « Messages » heading just above the table: where the list pages' skip link lands.</summary>
    public const string HeadingId = "messages";
}

/// <summary>The htmx answer to an action: the list, the live region's new sentence, the folder list with its new
/// counts, and the page's title (which htmx puts in the tab from the answer's top-level <c>&lt;title&gt;</c>).</summary>
public sealed record ListUpdate(MessageListView List, string? Status, bool IsError, IReadOnlyList<MailFolder> Folders, string? CurrentFolder, string Title);

/// <summary>The toolbar of a list or a message: which buttons make sense in this folder, and where messages can go.</summary>
public sealed record ActionBar(MailFolder Folder, IReadOnlyList<MailFolder> MoveTargets, bool SingleMessage, bool? Flagged = null, Shared.FormError? DestinationError = null);

/// <summary>Above the list: « Tout sélectionner » (a plain link: the page comes back with every box of the page ticked) and the toolbar.</summary>
public sealed record BulkTools(ActionBar Bar, string SelectAllUrl, string SelectNoneUrl, bool AllSelected);

/// <summary>« Tous · Non lus seulement · Avec pièce jointe » and « Tout marquer comme lu » for a folder.</summary>
public sealed record ListFilters(MailFolder Folder, MessageFilter Current, Func<MessageFilter, string> Url);

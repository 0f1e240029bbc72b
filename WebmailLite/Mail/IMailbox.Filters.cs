namespace WebmailLite.Mail;

// « Non lus seulement », « Avec pièce jointe » and « Tout marquer comme lu »: the list basics of a busy inbox,
// implemented by both mailboxes. A filtered page costs one SEARCH (UIDs only) and the envelopes of the page shown.
public partial interface IMailbox
{
    /// <summary>
    /// One page of the messages of <paramref name="folder"/> that <paramref name="filter"/> keeps (never
    /// <see cref="MessageFilter.All"/>: callers go through <see cref="MailboxFilters.GetMessagesAsync"/>), in the order
    /// asked. <c>null</c> when the folder does not exist.
    /// </summary>
    Task<FilteredListPage?> GetFilteredMessagesAsync(string folder, MessageFilter filter, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken);

    /// <summary>
    /// Marks read every unread message of the folder whose UID is at most <paramref name="upToUid"/>, the newest one when
    /// the person confirmed: mail arriving afterwards stays unread. Returns how many were marked; <c>null</c> when the
    /// folder does not exist.
    /// </summary>
    Task<int?> MarkFolderReadAsync(string folder, uint upToUid, CancellationToken cancellationToken);
}

/// <summary>Which messages of a folder a list shows.</summary>
public enum MessageFilter
{
    All,

    /// <summary>Not read yet (IMAP <c>UNSEEN</c>).</summary>
    Unread,

    /// <summary>
    /// With attachments. IMAP has no search key for that: the server is asked for messages whose top-level
    /// Content-Type is multipart/mixed, the structure of a message with attachments (the list's « Pièce jointe »
    /// reads the structure itself, so a multipart/mixed message without a file shows in this view without the mark).
    /// </summary>
    WithAttachments,
}

/// <summary>A page of a filtered list; <see cref="Matching"/> is how many messages of the folder the filter keeps.</summary>
public sealed record FilteredListPage(SortedListPage Sorted, MessageFilter Filter, int Matching);

/// <summary>The one entry point of filtered lists: « Tous » is the sorted list itself, at no extra cost.</summary>
public static class MailboxFilters
{
    /// <summary>
    /// One page of the messages of <paramref name="folder"/> that <paramref name="filter"/> keeps, in the order asked
    /// (with <see cref="MessageFilter.All"/>, exactly the sorted list). <c>null</c> when the folder does not exist.
    /// </summary>
    public static async Task<FilteredListPage?> GetMessagesAsync(this IMailbox mailbox, string folder, MessageFilter filter, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (filter != MessageFilter.All)
        {
            return await mailbox.GetFilteredMessagesAsync(folder, filter, page, pageSize, sort, cancellationToken);
        }
        var sorted = await mailbox.GetMessagesAsync(folder, page, pageSize, sort, cancellationToken);
        return sorted is null ? null : new FilteredListPage(sorted, filter, sorted.List.Folder.Total);
    }
}

namespace WebmailLite.Mail;

/// <summary>
/// A search in the text of the messages passed <see cref="MailSearchOptions.BodyTimeout"/>: the server is working, the
/// search is just too broad. The page asks to narrow it; the session stays.
/// </summary>
public sealed class SearchTooLongException(TimeSpan limit)
    : Exception($"The search in the text of the messages took longer than {limit}.")
{
    public TimeSpan Limit { get; } = limit;
}

using System.Globalization;

namespace WebmailLite.Mail;

/// <summary>
/// The order folders are shown in, whatever the server lists first: the inbox, then the special-use folders
/// in the order people reach for them, then the others by full path (French collation), so subfolders stay
/// under their parent. One rule for every <see cref="IMailbox"/> implementation.
/// </summary>
public static class FolderOrder
{
    private static readonly StringComparer ByPath = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    public static IReadOnlyList<MailFolder> Sort(IEnumerable<MailFolder> folders) =>
        folders
            .OrderBy(f => Rank(f.Special))
            .ThenBy(f => f.FullName, ByPath)
            .ThenBy(f => f.FullName, StringComparer.Ordinal)
            .ToList();

    private static int Rank(SpecialFolder special) => special switch
    {
        SpecialFolder.Inbox => 0,
        SpecialFolder.Drafts => 1,
        SpecialFolder.Sent => 2,
        SpecialFolder.Archive => 3,
        SpecialFolder.Junk => 4,
        SpecialFolder.Trash => 5,
        _ => 6,
    };
}

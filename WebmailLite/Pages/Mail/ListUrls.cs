using System.Globalization;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// Links that keep the list's context (folder, page, order, search) across an action, so that POST → redirect lands
/// where the person was. Short French parameter names, defaults left out, as in <see cref="MailUrls"/>.
/// </summary>
public static class ListUrls
{
    public const string Folders = PageRoutes.Folders;

    public static string List(string folder, int page = 1, MessageSort sort = MessageSort.Newest, MessageFilter filter = MessageFilter.All, bool selectAll = false)
    {
        var query = QueryString.Empty;
        if (folder != MailUrls.Inbox)
        {
            query = query.Add("dossier", folder);
        }
        if (filter != MessageFilter.All)
        {
            query = query.Add("filtre", FilterTokens.Token(filter));
        }
        query = Context(query, page, sort);
        if (selectAll)
        {
            query = query.Add("tout", "1");
        }
        return PageRoutes.Inbox + query;
    }

    /// <summary>The confirmation page of « Tout marquer comme lu ».</summary>
    public static string MarkAllRead(string folder) =>
        PageRoutes.MarkAllRead + (folder == MailUrls.Inbox ? QueryString.Empty : QueryString.Create("dossier", folder));

    /// <summary>A search: in <paramref name="folder"/>, or in every folder (then <paramref name="folder"/> is where the person came from).</summary>
    public static string Search(string text, string folder, bool everyFolder, int page = 1, MessageSort sort = MessageSort.Newest, bool inText = false, bool selectAll = false)
    {
        var query = QueryString.Create("q", text);
        if (folder != MailUrls.Inbox)
        {
            query = query.Add("dossier", folder);
        }
        if (everyFolder)
        {
            query = query.Add("portee", "tous");
        }
        if (inText)
        {
            query = query.Add("texte", "1");
        }
        query = Context(query, page, sort);
        if (selectAll)
        {
            query = query.Add("tout", "1");
        }
        return PageRoutes.Search + query;
    }

    /// <summary>
    /// The confirmation page for deleting these messages for good; back to the list at this page and order, or to
    /// <paramref name="back"/> (search results, see <see cref="ReturnUrls"/>).
    /// </summary>
    public static string Erase(string folder, IEnumerable<uint> uids, int page, MessageSort sort, string? back = null)
    {
        var query = QueryString.Create("dossier", folder);
        foreach (var uid in uids.Distinct())
        {
            query = query.Add("u", uid.ToString(CultureInfo.InvariantCulture));
        }
        return PageRoutes.Erase + ReturnUrls.Add(Context(query, page, sort), back);
    }

    public static string Empty(string folder) => PageRoutes.Empty + QueryString.Create("dossier", folder);

    public static string RenameFolder(string folder) => PageRoutes.RenameFolder + QueryString.Create("dossier", folder);

    public static string DeleteFolder(string folder) => PageRoutes.DeleteFolder + QueryString.Create("dossier", folder);

    private static QueryString Context(QueryString query, int page, MessageSort sort)
    {
        if (page > 1)
        {
            query = query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        }
        if (sort != MessageSort.Newest)
        {
            query = query.Add("tri", SortTokens.Token(sort));
        }
        return query;
    }
}

/// <summary>The sort orders as they appear in links (« tri=expediteur »); unknown or absent means newest first.</summary>
public static class SortTokens
{
    public static readonly MessageSort[] All = [MessageSort.Newest, MessageSort.Oldest, MessageSort.Sender, MessageSort.Subject, MessageSort.Largest];

    public static string Token(MessageSort sort) => sort switch
    {
        MessageSort.Oldest => "ancien",
        MessageSort.Sender => "expediteur",
        MessageSort.Subject => "objet",
        MessageSort.Largest => "taille",
        _ => "",
    };

    public static MessageSort Parse(string? token) => All.FirstOrDefault(s => s != MessageSort.Newest && Token(s) == token, MessageSort.Newest);
}

/// <summary>The list filters as they appear in links (« filtre=non-lus »); unknown or absent means every message.</summary>
public static class FilterTokens
{
    public static string Token(MessageFilter filter) => filter switch
    {
        MessageFilter.Unread => "non-lus",
        MessageFilter.WithAttachments => "pieces-jointes",
        _ => "",
    };

    public static MessageFilter Parse(string? token) =>
        Enum.GetValues<MessageFilter>().FirstOrDefault(f => f != MessageFilter.All && Token(f) == token, MessageFilter.All);
}

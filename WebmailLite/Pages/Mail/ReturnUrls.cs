namespace WebmailLite.Pages.Mail;

/// <summary>
/// « retour »: where a message, or the confirmation of deleting for good, sends the person back after an action, when
/// it is not the folder's list (today: search results, so that moving a result lands on the same results). The one rule
/// for that parameter: only the list's or the search's own address on this site, so it can never send anyone elsewhere
/// (an open redirect) nor to a page that acts on a GET.
/// </summary>
public static class ReturnUrls
{
    public const string Key = "retour";

    /// <summary><paramref name="url"/> when it is a safe place to return to, otherwise <c>null</c>.</summary>
    public static string? Accept(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url.Any(c => char.IsControl(c) || c == '\\'))
        {
            return null;
        }
        var path = url.Split('?', 2)[0];
        // Exact paths, so « //autre.site », « /courrier/../x » or « /courrier/effacer » are refused.
        return path is PageRoutes.Search or PageRoutes.Inbox ? url : null;
    }

    /// <summary>Adds « retour » to a query when there is somewhere safe to go back to.</summary>
    public static QueryString Add(QueryString query, string? back) =>
        Accept(back) is { } safe ? query.Add(Key, safe) : query;
}

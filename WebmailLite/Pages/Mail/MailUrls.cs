namespace WebmailLite.Pages.Mail;

/// <summary>
/// Links to mail pages, written by hand: short (every byte counts on 3G) and stable. Messages are addressed by
/// folder and UID; the inbox is the default folder and page 1 the default page, so both are left out.
/// </summary>
public static class MailUrls
{
    public const string Inbox = "INBOX";

    public static string List(string folder, int page = 1)
    {
        var query = QueryString.Empty;
        if (folder != Inbox)
        {
            query = query.Add("dossier", folder);
        }
        if (page > 1)
        {
            query = query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return PageRoutes.Inbox + query;
    }

    /// <param name="bodyPage">The page of a long body (« Afficher la suite »), from 1; the first is left out.</param>
    /// <param name="back">Where the message's actions return to instead of its folder (<see cref="ReturnUrls"/>).</param>
    public static string Message(string folder, uint uid, bool remoteImages = false, int bodyPage = 1, string? back = null)
    {
        var query = QueryString.Create("dossier", folder).Add("uid", uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (remoteImages)
        {
            query = query.Add("images", "distantes");
        }
        if (bodyPage > 1)
        {
            query = query.Add(BodyPageKey, bodyPage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return PageRoutes.Message + ReturnUrls.Add(query, back);
    }

    /// <summary>The query key of the page of a long body: « suite=2 » is its second page.</summary>
    public const string BodyPageKey = "suite";

    /// <summary>The whole message as an .eml file (« Télécharger le message »).</summary>
    public static string Source(string folder, uint uid) =>
        PageRoutes.Part + QueryString.Create("handler", "source")
            .Add("dossier", folder)
            .Add("uid", uid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Part(string folder, uint uid, int partIndex) =>
        PageRoutes.Part + QueryString.Create("dossier", folder)
            .Add("uid", uid.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("partie", partIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

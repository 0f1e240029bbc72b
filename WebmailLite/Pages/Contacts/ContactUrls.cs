using Microsoft.AspNetCore.WebUtilities;

namespace WebmailLite.Pages.Contacts;

/// <summary>The links of « Contacts », built on <see cref="PageRoutes"/>.</summary>
public static class ContactUrls
{
    public static string List(string? query = null, int page = 1)
    {
        var url = PageRoutes.Contacts;
        if (!string.IsNullOrWhiteSpace(query))
        {
            url = QueryHelpers.AddQueryString(url, "q", query);
        }
        return page > 1 ? QueryHelpers.AddQueryString(url, "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) : url;
    }

    public static string Edit(string id) => QueryHelpers.AddQueryString(PageRoutes.ContactForm, "id", id);

    public static string Delete(string id) => QueryHelpers.AddQueryString(PageRoutes.ContactDelete, "id", id);

    /// <summary>« Ajouter aux contacts » from a message: the form filled with the sender.</summary>
    public static string AddSender(string? name, string address)
    {
        var url = QueryHelpers.AddQueryString(PageRoutes.ContactForm, "adresse", address);
        return string.IsNullOrWhiteSpace(name) ? url : QueryHelpers.AddQueryString(url, "nom", name);
    }
}

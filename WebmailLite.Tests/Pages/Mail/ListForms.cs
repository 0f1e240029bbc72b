using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// Acting on a list the way a person does: tick rows by their subject, press a toolbar button. Posts the page's real
/// form (its token, its ticked boxes, the pressed button's name and value), as a browser would, with or without the
/// headers htmx adds.
/// </summary>
public static class ListForms
{
    public const string ActionForm = "form[method=post].sel, form[method=post].msg-tools";

    /// <summary>The list rows (tbody tr) whose subject link reads exactly <paramref name="subject"/>.</summary>
    public static IElement Row(HtmlPage page, string subject) =>
        page.QueryAll("#liste tbody tr").SingleOrDefault(r => r.QuerySelector("a")?.TextContent == subject)
        ?? throw new Xunit.Sdk.XunitException($"No row « {subject} » in:\n{string.Join("\n", page.QueryAll("#liste tbody tr a").Select(a => a.TextContent))}");

    public static IReadOnlyList<string> Subjects(HtmlPage page) =>
        page.QueryAll("#liste tbody tr a").Select(a => a.TextContent).ToList();

    public static IHtmlInputElement Checkbox(HtmlPage page, string subject) =>
        (IHtmlInputElement)(Row(page, subject).QuerySelector("input[type=checkbox]") ?? throw new Xunit.Sdk.XunitException($"No checkbox on « {subject} »"));

    public static void Tick(HtmlPage page, params string[] subjects)
    {
        foreach (var subject in subjects)
        {
            Checkbox(page, subject).IsChecked = true;
        }
    }

    /// <summary>Presses the toolbar button <c>action=<paramref name="action"/></c> of the page's action form.</summary>
    public static Task<HttpResponseMessage> PressAsync(HttpClient client, HtmlPage page, string action, bool htmx = false, IDictionary<string, string>? values = null)
    {
        var form = (IHtmlFormElement)(page.Query(ActionForm) ?? throw new Xunit.Sdk.XunitException("No action form on the page."));
        var button = form.QuerySelectorAll("button[name=action]").FirstOrDefault(b => b.GetAttribute("value") == action)
            ?? throw new Xunit.Sdk.XunitException($"No button action={action}: {string.Join(", ", form.QuerySelectorAll("button[name=action]").Select(b => b.GetAttribute("value")))}");
        var fields = Fields(form, values);
        fields.Add(new("action", button.GetAttribute("value")!));
        var url = htmx ? form.GetAttribute("data-hx-post")! : form.GetAttribute("action")!;
        return PostAsync(client, url, fields, htmx);
    }

    /// <summary>Submits a plain form (confirmation pages, folder forms) as the browser would; optionally as htmx.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, HtmlPage page, string formSelector, IDictionary<string, string>? values = null, bool htmx = false)
    {
        var form = (IHtmlFormElement)(page.Query(formSelector) ?? throw new Xunit.Sdk.XunitException($"No form {formSelector}."));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        return PostAsync(client, action, Fields(form, values), htmx);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, bool htmx)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        if (htmx)
        {
            // What htmx 2 sends with every request it makes.
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("HX-Current-URL", "http://localhost" + url);
            request.Headers.Add("HX-Target", "liste");
        }
        return await client.SendAsync(request);
    }

    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IDictionary<string, string>? values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        return fields;
    }
}

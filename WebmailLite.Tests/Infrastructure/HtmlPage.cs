using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>A fetched page parsed with AngleSharp, able to submit its own real forms (antiforgery token included).</summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpResponseMessage response, IHtmlDocument document, string html)
    {
        Response = response;
        Document = document;
        Html = html;
    }

    public HttpResponseMessage Response { get; }
    public IHtmlDocument Document { get; }
    public string Html { get; }
    public HttpStatusCode Status => Response.StatusCode;
    public string Title => Document.Title ?? "";

    public static async Task<HtmlPage> LoadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = (IHtmlDocument)await context.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
        return new HtmlPage(response, document, html);
    }

    public static async Task<HtmlPage> GetAsync(HttpClient client, string url) => await LoadAsync(await client.GetAsync(url));

    public IElement? Query(string selector) => Document.QuerySelector(selector);

    public IHtmlCollection<IElement> QueryAll(string selector) => Document.QuerySelectorAll(selector);

    public string Text(string selector) => Query(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No element matches {selector}");

    /// <summary>
    /// Submits the form matching <paramref name="formSelector"/> with its current values plus <paramref name="values"/>
    /// (set a checkbox's <c>IsChecked</c> on <see cref="Document"/> first to tick it). A <c>multipart/form-data</c> form
    /// is posted as a browser does, with <paramref name="files"/> in its file inputs (an empty file part for an input
    /// given none). <paramref name="submitter"/> selects the button pressed, as a browser sends it: its
    /// <c>formaction</c> replaces the form's action and its name and value are posted (by default, the form's first
    /// button, which is what Enter in a field presses).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string formSelector, IDictionary<string, string>? values = null, IEnumerable<UploadFile>? files = null, string? submitter = null)
    {
        var form = (IHtmlFormElement)(Query(formSelector) ?? throw new InvalidOperationException($"No form matches {formSelector}"));
        var button = submitter is null ? null : form.QuerySelector(submitter) ?? throw new InvalidOperationException($"No button matches {submitter} in {formSelector}");
        var fields = new List<KeyValuePair<string, string>>();
        var fileInputs = new List<string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type == "file":
                    fileInputs.Add(input.Name);
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if ((input.Type is "radio" or "checkbox") && !input.IsChecked)
                    {
                        continue;
                    }
                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }
        if (button?.GetAttribute("name") is { Length: > 0 } buttonName)
        {
            fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        }
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        var method = string.IsNullOrEmpty(form.Method) ? "get" : form.Method.ToLowerInvariant();
        var action = button?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : string.IsNullOrEmpty(form.GetAttribute("action")) ? Response.RequestMessage!.RequestUri!.PathAndQuery
            : form.GetAttribute("action")!;
        if (method == "get")
        {
            var query = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            return await client.GetAsync(action.Split('?')[0] + "?" + query);
        }
        if (!string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await client.PostAsync(action, new FormUrlEncodedContent(fields));
        }

        // Part headers in UTF-8, as browsers write them (.NET's default would turn « é » into Latin-1).
        var multipart = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        foreach (var (name, value) in fields)
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(value));
            part.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
            multipart.Add(part);
        }
        var uploads = (files ?? []).ToList();
        foreach (var name in fileInputs.Concat(uploads.Select(u => u.FieldName)).Distinct())
        {
            var chosen = uploads.Where(u => u.FieldName == name).ToList();
            if (chosen.Count == 0)
            {
                // What a browser sends for a file input left empty.
                chosen.Add(new UploadFile(name, "", "application/octet-stream", []));
            }
            foreach (var file in chosen)
            {
                var part = new ByteArrayContent(file.Content);
                part.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(file.ContentType);
                // The file name as browsers write it: raw UTF-8 between quotes.
                part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name={Quote(name)}; filename={Quote(file.FileName)}");
                multipart.Add(part);
            }
        }
        return await client.PostAsync(action, multipart);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

/// <summary>A file chosen in a file input, for <see cref="HtmlPage.SubmitAsync"/>.</summary>
public sealed record UploadFile(string FieldName, string FileName, string ContentType, byte[] Content);

using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace WebmailLite.Pages.Shared;

/// <summary>
/// What the last action did, said first in the page title as well as in its banner (WCAG 2.4.2, RGAA 8.6): after
/// POST → redirect → GET without JavaScript, a screen reader announces the new page by its title, so « Message
/// envoyé – Boîte de réception – WebmailLite » tells the result before anything else is read. The banner's markup
/// calls <see cref="Say"/>; the layout, rendered after the page, writes the title (<see cref="Title"/>). Kept in the
/// request's items, not in ViewData: a partial gets a copy of ViewData, and what it writes there never reaches the layout.
/// </summary>
public static class PageOutcome
{
    private const string Key = "wl.outcome";

    public static void Say(HttpContext context, string? outcome)
    {
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            context.Items.TryAdd(Key, outcome);
        }
    }

    /// <summary>« [Erreur : ][outcome – ]title – app »: the outcome's first sentence only, without its full stop (a title
    /// is read whole at every page change, so it stays short).</summary>
    public static string Title(HttpContext context, ViewDataDictionary viewData, string errorPrefix, string appName) =>
        Title(viewData["HasErrors"] is true ? errorPrefix : "", context.Items[Key] as string, viewData["Title"]?.ToString() ?? "", appName);

    public static string Title(string errorPrefix, string? outcome, string title, string appName) =>
        errorPrefix + (string.IsNullOrWhiteSpace(outcome) ? "" : FirstSentence(outcome) + " – ") + title + " – " + appName;

    private static string FirstSentence(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? trimmed : trimmed[..end]).TrimEnd('.', ' ');
    }
}

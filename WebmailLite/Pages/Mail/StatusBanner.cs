using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// The one-shot « it is done » banner after POST → redirect → GET, and the messages still ticked after an action
/// that left them in place (so a second action on the same selection needs no re-ticking). Kept in TempData: read
/// once, then gone, nothing in the URL.
/// </summary>
public static class StatusBanner
{
    private const string StatusKey = "wl.status";
    private const string SelectionKey = "wl.sel";

    public static void Set(ITempDataDictionary tempData, string? status, IEnumerable<uint>? keepSelected = null)
    {
        if (!string.IsNullOrEmpty(status))
        {
            tempData[StatusKey] = status;
        }
        var selected = keepSelected?.ToList();
        if (selected is { Count: > 0 })
        {
            tempData[SelectionKey] = string.Join(',', selected.Select(u => u.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public static string? TakeStatus(ITempDataDictionary tempData) => tempData[StatusKey] as string;

    public static IReadOnlySet<uint> TakeSelection(ITempDataDictionary tempData) =>
        (tempData[SelectionKey] as string ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : 0)
            .Where(uid => uid > 0)
            .ToHashSet();
}

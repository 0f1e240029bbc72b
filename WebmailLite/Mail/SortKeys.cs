using System.Globalization;
using System.Text.RegularExpressions;

namespace WebmailLite.Mail;

/// <summary>
/// The sort keys of IMAP SORT (RFC 5256, RFC 5957) computed locally: by the practice mailbox, and by the IMAP
/// mailbox when the server has no SORT. Case never matters; ties keep arrival order, as on the server.
/// </summary>
public static partial class SortKeys
{
    /// <summary>French collation, case-insensitive: « élodie » sorts among the E, before « François ».</summary>
    public static readonly StringComparer Text = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase);

    /// <summary>RFC 5957 DISPLAYFROM: the sender's display name, or the address when there is none.</summary>
    public static string Sender(string name, string address) => string.IsNullOrWhiteSpace(name) ? address : name.Trim();

    /// <summary>RFC 5256 base subject: without « Re: », « Fwd: », « [liste] » prefixes nor a trailing « (fwd) ».</summary>
    public static string BaseSubject(string subject)
    {
        var s = Spaces().Replace(subject ?? "", " ").Trim();
        while (true)
        {
            var before = s;
            s = TrailingFwd().Replace(s, "").Trim();
            s = LeadingReply().Replace(s, "").Trim();
            var blob = LeadingBlob().Match(s);
            // A leading [blob] goes only when something is left after it (RFC 5256 §2.1, step 4).
            if (blob.Success && blob.Length < s.Length)
            {
                s = s[blob.Length..].Trim();
            }
            if (s.StartsWith("[fwd:", StringComparison.OrdinalIgnoreCase) && s.EndsWith(']'))
            {
                s = s[5..^1].Trim();
            }
            if (s == before)
            {
                return s;
            }
        }
    }

    /// <summary>Orders summaries by <paramref name="sort"/>, ties in arrival (UID) order. Newest/Oldest go by UID alone.</summary>
    public static IEnumerable<T> Order<T>(IEnumerable<T> items, MessageSort sort, Func<T, MessageSummary> summary) => sort switch
    {
        MessageSort.Oldest => items.OrderBy(i => summary(i).Uid),
        MessageSort.Sender => items.OrderBy(i => Sender(summary(i).FromName, summary(i).FromAddress), Text).ThenBy(i => summary(i).Uid),
        MessageSort.Subject => items.OrderBy(i => BaseSubject(summary(i).Subject), Text).ThenBy(i => summary(i).Uid),
        MessageSort.Largest => items.OrderByDescending(i => summary(i).Size).ThenBy(i => summary(i).Uid),
        _ => items.OrderByDescending(i => summary(i).Uid),
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(\s*(re|fwd?)\s*(\[[^\]]*\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingReply();

    [GeneratedRegex(@"^\[[^\]]*\]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingBlob();

    [GeneratedRegex(@"(\s*\(fwd\))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingFwd();
}

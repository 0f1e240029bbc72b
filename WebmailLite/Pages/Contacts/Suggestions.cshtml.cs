using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Contacts;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Contacts;

/// <summary>
/// What a recipient field suggests for the address being typed (js/recipients.js asks as the person types): JSON, at
/// most <see cref="MaxResults"/>, through <see cref="IRecipientSuggestions"/> so that the académie directory can add
/// its results later without this page changing. Signed-in only (the folder's policy), never cached (no-store, as every
/// page). Without JavaScript the compose form's datalist does this job.
/// </summary>
public sealed class SuggestionsModel(IMailbox mailbox, IRecipientSuggestions suggestions) : PageModel
{
    /// <summary>A short list to read with arrow keys, and to hear counted: eight is plenty for three letters.</summary>
    public const int MaxResults = 8;

    /// <summary>Longer than any address; more is a hand-made request and is cut, not searched.</summary>
    public const int MaxTypedLength = 254;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? typed, CancellationToken cancellationToken)
    {
        var part = (typed ?? "").Trim();
        if (part.Length > MaxTypedLength)
        {
            part = part[..MaxTypedLength];
        }
        // Nothing typed: nothing to suggest (the usual recipients are the datalist's, shown by the browser on focus).
        IReadOnlyList<RecipientSuggestion> found = part.Length == 0
            ? []
            : await suggestions.SuggestAsync(mailbox.Identifier, part, MaxResults, cancellationToken);
        return new JsonResult(found.Select(s => new SuggestionItem(s.Text, s.Name, s.Address)));
    }

    /// <summary>One option: <c>text</c> goes into the field; <c>name</c> and <c>address</c> for display.</summary>
    public sealed record SuggestionItem(string Text, string Name, string Address);
}

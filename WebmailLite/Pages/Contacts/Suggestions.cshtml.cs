using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Contacts;
using WebmailLite.Infrastructure;

namespace WebmailLite.Pages.Contacts;

/// <summary>
/// What a recipient field suggests for the address being typed (js/recipients.js asks as the person types): JSON, at
/// most <see cref="MaxResults"/>, through <see cref="IRecipientSuggestions"/> so that the académie directory can add
/// its results later without this page changing. For a live session only, never cached (no-store, as every page).
/// Without JavaScript the compose form's datalist does this job.
/// </summary>
// Not the folder's policy: its challenge deletes the cookie of an ended session, and this is asked in the background
// while someone types in the compose form; that cookie is what lets their form be kept when they then press « Envoyer »
// (ComposeRescue). So no live session is a 401, which the script ignores, and the cookie stays as it was.
[AllowAnonymous]
public sealed class SuggestionsModel(IRecipientSuggestions suggestions) : PageModel
{
    /// <summary>A short list to read with arrow keys, and to hear counted: eight is plenty for three letters.</summary>
    public const int MaxResults = 8;

    /// <summary>Longer than any address; more is a hand-made request and is cut, not searched.</summary>
    public const int MaxTypedLength = 254;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? typed, CancellationToken cancellationToken)
    {
        if (SessionCookie.Current(HttpContext) is not { } session)
        {
            // An empty list with its 401: a body of its own, so the site's error page is not rendered behind it.
            return new JsonResult(Array.Empty<SuggestionItem>()) { StatusCode = StatusCodes.Status401Unauthorized };
        }
        var part = (typed ?? "").Trim();
        if (part.Length > MaxTypedLength)
        {
            part = part[..MaxTypedLength];
        }
        // Nothing typed: nothing to suggest (the usual recipients are the datalist's, shown by the browser on focus).
        IReadOnlyList<RecipientSuggestion> found = part.Length == 0
            ? []
            : await suggestions.SuggestAsync(session.Identifier, part, MaxResults, cancellationToken);
        return new JsonResult(found.Select(s => new SuggestionItem(s.Text, s.Name, s.Address)));
    }

    /// <summary>One option: <c>text</c> goes into the field; <c>name</c> and <c>address</c> for display.</summary>
    public sealed record SuggestionItem(string Text, string Name, string Address);
}

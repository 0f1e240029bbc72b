using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Contacts;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;

namespace WebmailLite.Pages.Contacts;

/// <summary>« Contacts »: the person's contacts sorted by name, a search (accents and case ignored) and pages of 50.</summary>
public sealed class IndexModel(IMailbox mailbox, IContactStore contacts) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ContactPage Result { get; private set; } = new([], 0);

    public int PageCount => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    public string? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Result = await contacts.SearchAsync(mailbox.Identifier, Query, PageNumber, PageSize, cancellationToken);
        Status = StatusBanner.TakeStatus(TempData);
    }

    public string PageUrl(int page) => ContactUrls.List(Query, page);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Mail;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Assistance;

/// <summary>The assistance desk's list of requests. Only agents (<c>Recovery:AssistanceAgents</c>) see it; others get 404.</summary>
public sealed class IndexModel(IMailbox mailbox, AssistanceDesk desk) : PageModel
{
    /// <summary>« closes »: the closed requests instead of the open ones.</summary>
    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? State { get; set; }

    public bool ShowClosed => State == "closes";

    public IReadOnlyList<AssistanceTicket> Tickets { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!desk.IsAgent(mailbox.Identifier))
        {
            return NotFound();
        }
        Tickets = desk.List(open: !ShowClosed);
        return Page();
    }
}

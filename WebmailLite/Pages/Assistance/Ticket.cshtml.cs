using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Assistance;

/// <summary>
/// One request: the agent records how identity was checked (by phone, e.g. with the NUMEN), then issues a code
/// shown once on this very response — never stored in clear, never in a URL, never in a redirect.
/// </summary>
public sealed class TicketModel(IMailbox mailbox, AssistanceDesk desk, IOptions<RecoveryOptions> options, IStringLocalizer<RecoveryText> text) : PageModel, IFormWithErrors
{
    public TimeSpan AgentLifetime => options.Value.AgentCodeLifetime;

    public const string CheckField = "Input_IdentityCheck";
    public const int MaxNote = 500;

    [BindProperty(SupportsGet = true, Name = "id")]
    public int Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public AssistanceTicket Ticket { get; private set; } = null!;

    /// <summary>The account the request's identifier matches, or null: the desk, unlike the public pages, may know.</summary>
    public string? Account { get; private set; }

    /// <summary>What the académie's directory says of the identifier, or null (no directory, or unknown there).</summary>
    public WebmailLite.Accounts.DirectoryPerson? Person { get; private set; }

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    /// <summary>Set only on the response to « Donner un code ».</summary>
    public string? IssuedCode { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        var check = Input.IdentityCheck?.Trim() ?? "";
        if (check.Length == 0)
        {
            Errors.Add(CheckField, text["Err_CheckRequired"]);
        }
        else if (check.Length > MaxNote)
        {
            Errors.Add(CheckField, text["Err_CheckTooLong", MaxNote]);
        }
        else if (!Ticket.Open)
        {
            Errors.Add(null, text["Err_TicketClosed"]);
        }
        else if (Account is null)
        {
            Errors.Add(null, text["Err_NoSuchAccount"]);
        }
        if (Errors.Any)
        {
            return Page();
        }
        IssuedCode = await desk.IssueCodeAsync(Ticket, Agent, check, cancellationToken);
        Input.IdentityCheck = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Errors.Any)
        {
            return Page();
        }
        if (Ticket.Open)
        {
            desk.Close(Ticket, Agent, Input.CloseNote?.Length > MaxNote ? Input.CloseNote[..MaxNote] : Input.CloseNote);
            Notice = text["Desk_ClosedNotice", Ticket.Id];
        }
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Errors.Any)
        {
            return Page();
        }
        if (!Ticket.Open)
        {
            desk.Reopen(Ticket, Agent);
            Notice = text["Desk_ReopenedNotice", Ticket.Id];
        }
        return RedirectToPage(new { id = Id });
    }

    private string Agent => mailbox.Identifier;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!desk.IsAgent(mailbox.Identifier) || desk.Find(Id) is not { } ticket)
        {
            return false;
        }
        Ticket = ticket;
        Account = await desk.AccountOfAsync(ticket, cancellationToken);
        Person = await desk.PersonOfAsync(ticket, cancellationToken);
        Audit = desk.AuditOf(ticket);
        return true;
    }

    public sealed class InputModel
    {
        public string? IdentityCheck { get; set; }
        public string? CloseNote { get; set; }
    }
}

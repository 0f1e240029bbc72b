using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>
/// Method 2: a request to the assistance desk. The NUMEN is never asked here: identity is checked by phone,
/// and a form is no place for it.
/// </summary>
public sealed class AssistanceModel(
    RecoveryJourney journey,
    RecoveryService recovery,
    UiFormat format,
    IOptions<RecoveryOptions> options,
    IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public string AgentLifetime => format.Duration(options.Value.AgentCodeLifetime);

    public const string ReachField = "Input_HowToReach";
    public const string MessageField = "Input_Message";
    public const int MaxReach = 200;
    public const int MaxMessage = 1000;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IActionResult OnGet() => LoadState() ? Page() : Restart();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LoadState())
        {
            return Restart();
        }
        var reach = Input.HowToReach?.Trim() ?? "";
        if (reach.Length == 0)
        {
            Errors.Add(ReachField, text["Err_ReachRequired"]);
        }
        else if (reach.Length > MaxReach)
        {
            Errors.Add(ReachField, text["Err_ReachTooLong", MaxReach]);
        }
        if (Input.Message?.Trim().Length > MaxMessage)
        {
            Errors.Add(MessageField, text["Err_MessageTooLong", MaxMessage]);
        }
        if (Errors.Any)
        {
            return Page();
        }
        var outcome = await recovery.OpenTicketAsync(Identifier, reach, Input.Message, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.Wait > TimeSpan.Zero)
        {
            Errors.Add(null, text["Err_TooManyRequests", format.Duration(outcome.Wait)], GuideLinks.ForgotAssistance);
            return Page();
        }
        Save(State! with { Method = RecoveryMethod.Assistance, Grant = null });
        return RedirectToPage("/Recovery/AssistanceSent");
    }

    public sealed class InputModel
    {
        public string? HowToReach { get; set; }
        public string? Message { get; set; }
    }
}

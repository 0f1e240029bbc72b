using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Guide;
using WebmailLite.Infrastructure;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>
/// The code page, the same for the three methods. Wrong, expired and spent codes get one message: telling them
/// apart would tell a stranger that a code had been issued, hence that the account exists.
/// </summary>
public sealed class CodeModel(
    RecoveryJourney journey,
    RecoveryService recovery,
    UiFormat format,
    IOptions<RecoveryOptions> options,
    IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public const string CodeField = "Input_Code";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>« courriel », « secours »: which message says where the code went (after a redirect only).</summary>
    [BindProperty(SupportsGet = true, Name = "envoi")]
    public string? SentBy { get; set; }

    /// <summary>« expire »: the time to choose a password ran out, a new code is needed.</summary>
    [BindProperty(SupportsGet = true, Name = "motif")]
    public string? Reason { get; set; }

    public string MailLifetime => format.Duration(options.Value.MailCodeLifetime);

    public IActionResult OnGet() => LoadState() ? Page() : Restart();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LoadState())
        {
            return Restart();
        }
        SentBy = null;
        if (Errors.Any)
        {
            return Page();
        }
        var outcome = await recovery.CheckCodeAsync(Identifier, Input.Code, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (outcome.Status)
        {
            case CodeStepStatus.TooManyAttempts:
                Errors.Add(CodeField, text["Err_TooManyCodes", format.Duration(outcome.Wait)], GuideLinks.CodeNotReceived);
                return Page();
            case CodeStepStatus.Missing:
                Errors.Add(CodeField, text["Err_CodeRequired"]);
                return Page();
            case CodeStepStatus.BadFormat:
                Errors.Add(CodeField, text["Err_CodeFormat"]);
                return Page();
            case CodeStepStatus.Refused:
                Errors.Add(CodeField, text["Err_CodeInvalid", options.Value.MaxCodeAttempts], GuideLinks.CodeNotReceived);
                return Page();
        }
        Save(State! with { Grant = outcome.GrantToken });
        return RedirectToPage("/Recovery/NewPassword");
    }

    public sealed class InputModel
    {
        public string? Code { get; set; }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>Step 2, « m'auto dépanner »: which of the three methods gives the first code.</summary>
public sealed class MethodModel(RecoveryJourney journey, IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public const string MethodField = "Input_Method";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IActionResult OnGet()
    {
        if (!LoadState())
        {
            return Restart();
        }
        Input.Method = State!.Method;
        return Page();
    }

    public IActionResult OnPost()
    {
        if (!LoadState())
        {
            return Restart();
        }
        if (Input.Method is not (RecoveryMethod.ContactMail or RecoveryMethod.Assistance or RecoveryMethod.BackupAddress))
        {
            Errors.Add(MethodField, text["Err_MethodRequired"]);
            return Page();
        }
        Save(State! with { Method = Input.Method, FirstAnswerRight = null });
        return Input.Method switch
        {
            RecoveryMethod.ContactMail => RedirectToPage("/Recovery/ByMail"),
            RecoveryMethod.Assistance => RedirectToPage("/Recovery/Assistance"),
            _ => RedirectToPage("/Recovery/Question", new { numero = 1 }),
        };
    }

    public sealed class InputModel
    {
        public RecoveryMethod? Method { get; set; }
    }
}

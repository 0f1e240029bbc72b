using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Recovery;

/// <summary>The last step: the new password, with the rules shown before typing and a show/hide that needs no script.</summary>
public sealed class NewPasswordModel(
    RecoveryJourney journey,
    RecoveryService recovery,
    PasswordPolicy policy,
    IStringLocalizer<RecoveryText> text) : RecoveryPageModel(journey)
{
    public const string PasswordField = "Input_Password";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int MinLength => policy.MinLength;

    /// <summary>Shown in clear after « Afficher le mot de passe » (a round trip, so it works without JavaScript).</summary>
    public bool Shown { get; private set; }

    /// <summary>
    /// Only a show/hide round trip puts the typed password back in the page: after a refusal it must change anyway,
    /// and a password written into HTML is one more copy of it.
    /// </summary>
    public bool Toggled { get; private set; }

    public IActionResult OnGet()
    {
        if (!LoadState())
        {
            return Restart();
        }
        return recovery.HasGrant(Identifier, State!.Grant) ? Page() : RedirectToPage("/Recovery/Code", new { motif = "expire" });
    }

    /// <summary>« Afficher / Masquer le mot de passe »: the same page, the typed text kept, the field's type switched.</summary>
    public IActionResult OnPostToggle()
    {
        if (!LoadState())
        {
            return Restart();
        }
        Shown = !Input.Shown;
        Toggled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LoadState())
        {
            return Restart();
        }
        Shown = Input.Shown;
        if (Errors.Any)
        {
            return Page();
        }
        var outcome = await recovery.ResetPasswordAsync(Identifier, State!.Grant, Input.Password, cancellationToken);
        switch (outcome.Status)
        {
            case ResetStatus.Changed:
                Journey.End(HttpContext);
                return RedirectToPage("/Recovery/Done");
            case ResetStatus.Refused:
                Errors.Add(PasswordField, Reason(outcome.Problem!.Value));
                return Page();
            case ResetStatus.Failed:
                // Nothing changed and the grant is still valid: the same page, the same code, try again.
                Errors.Add(null, text["Err_PasswordNotSaved"]);
                return Page();
            default:
                return RedirectToPage("/Recovery/Code", new { motif = "expire" });
        }
    }

    private string Reason(PasswordProblem problem) => problem switch
    {
        PasswordProblem.Missing => text["Err_PasswordRequired"],
        PasswordProblem.TooShort => text["Err_PasswordTooShort", policy.MinLength],
        PasswordProblem.TooLong => text["Err_PasswordTooLong", PasswordPolicy.MaxLength],
        PasswordProblem.Common => text["Err_PasswordCommon"],
        PasswordProblem.ContainsIdentifier => text["Err_PasswordIdentifier"],
        PasswordProblem.ControlCharacters => text["Err_PasswordControl"],
        PasswordProblem.RecentlyUsed => text["Err_PasswordRecentlyUsed"],
        PasswordProblem.ChangedTooRecently => text["Err_PasswordChangedTooRecently"],
        PasswordProblem.RefusedByDirectory => text["Err_PasswordRefusedByDirectory"],
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    public sealed class InputModel
    {
        public string? Password { get; set; }
        public bool Shown { get; set; }
    }
}

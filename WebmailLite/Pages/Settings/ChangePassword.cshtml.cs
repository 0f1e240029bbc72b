using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail.Sessions;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// « Changer le mot de passe » while signed in. The show/hide control is a submit button that re-renders the page with
/// the new password typed (as plain text when shown): it works without JavaScript. The current password is never
/// written into the page, not even then: it is typed again.
/// </summary>
public sealed class ChangePasswordModel(
    PasswordChangeService passwordChange,
    PasswordPolicy policy,
    MailSessionManager sessions,
    UiFormat format,
    IStringLocalizer<SettingsText> text) : PageModel, IFormWithErrors
{
    public const string CurrentField = "Input_Current";
    public const string NewField = "Input_New";

    /// <summary>TempData key read by the sign-in page to say « Votre mot de passe a été changé ».</summary>
    public const string ChangedNotice = "wl.password-changed";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Present when « Afficher / Masquer le mot de passe » was pressed rather than « Changer le mot de passe ».</summary>
    [BindProperty(Name = "afficher")]
    public string? Toggle { get; set; }

    public FormErrors Errors { get; } = new();

    /// <summary>Whether this page answers the show/hide button: the only time the new password is written back.</summary>
    public bool Toggled => Toggle is not null;

    public int MinLength => policy.MinLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Toggle is not null)
        {
            Input.Show = Toggle == "1";
            return Page();
        }
        if (Errors.Any)
        {
            return Page();
        }
        var session = SessionCookie.Current(HttpContext)!;
        var change = await passwordChange.ChangePasswordAsync(session.Identifier, session.Id, Input.Current, Input.New, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (change.Status)
        {
            case PasswordChangeStatus.Changed:
                // This session ends too. It still holds the old password in memory (IMAP reconnects, SMTP sends), and
                // MailSession has no clean way to swap it: rather than keep a session that fails on its next reconnect,
                // the person signs in again, which also proves the new password works. On a shared computer it is the
                // safe outcome anyway.
                await sessions.EndAsync(session.Id);
                SessionCookie.Delete(HttpContext);
                TempData[ChangedNotice] = true;
                return Redirect("/");
            case PasswordChangeStatus.TooManyAttempts:
                Errors.Add(CurrentField, text["Err_TooManyAttempts", format.Duration(change.Wait)]);
                break;
            case PasswordChangeStatus.Unavailable:
                Errors.Add(null, text["Err_Unavailable"]);
                break;
            default:
                foreach (var issue in change.Issues.Where(i => i != PasswordChangeIssue.SameAsCurrent))
                {
                    Errors.Add(CurrentField, text[issue == PasswordChangeIssue.CurrentMissing ? "Err_CurrentMissing" : "Err_CurrentWrong"]);
                }
                if (change.NewPasswordProblem is { } problem)
                {
                    Errors.Add(NewField, NewPasswordMessage(problem, text, policy.MinLength));
                }
                else if (change.Issues.Contains(PasswordChangeIssue.SameAsCurrent))
                {
                    Errors.Add(NewField, text["Err_New_Same"]);
                }
                break;
        }
        return Page();
    }

    /// <summary>
    /// A message for every reason the policy can give, and no default: a new <see cref="PasswordProblem"/> without
    /// its message does not build (CS8509), rather than showing a resource key to the person.
    /// </summary>
#pragma warning disable CS8524 // Only unnamed values (a cast int) are left out; every named one has its message.
    public static LocalizedString NewPasswordMessage(PasswordProblem problem, IStringLocalizer<SettingsText> text, int minLength) => problem switch
    {
        PasswordProblem.Missing => text["Err_New_Missing"],
        PasswordProblem.TooShort => text["Err_New_TooShort", minLength],
        PasswordProblem.TooLong => text["Err_New_TooLong", PasswordPolicy.MaxLength],
        PasswordProblem.Common => text["Err_New_Common"],
        PasswordProblem.ContainsIdentifier => text["Err_New_ContainsIdentifier"],
        PasswordProblem.ControlCharacters => text["Err_New_ControlCharacters"],
        PasswordProblem.RecentlyUsed => text["Err_New_RecentlyUsed"],
        PasswordProblem.ChangedTooRecently => text["Err_New_ChangedTooRecently"],
        PasswordProblem.RefusedByDirectory => text["Err_New_RefusedByDirectory"],
    };
#pragma warning restore CS8524

    public sealed class InputModel
    {
        public string? Current { get; set; }
        public string? New { get; set; }

        /// <summary>Whether the new password is shown as plain text.</summary>
        public bool Show { get; set; }
    }
}

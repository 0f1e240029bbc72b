using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// « Mot de passe actuel », asked by every form that changes how the account can be recovered: a session left open
/// on a shared computer is not the account. Never written back into the page (see _CurrentPassword.cshtml).
/// </summary>
public static class CurrentPasswordField
{
    public const string Id = "Input_Current";

    /// <summary>Adds the error for <paramref name="check"/>, if any (none when right or not checked yet).</summary>
    public static void AddError(FormErrors errors, CurrentPasswordCheck? check, IStringLocalizer<SettingsText> text, UiFormat format)
    {
        switch (check?.Status)
        {
            case CurrentPasswordStatus.Missing:
                errors.Add(Id, text["Err_CurrentMissing"]);
                break;
            case CurrentPasswordStatus.Wrong:
                errors.Add(Id, text["Err_CurrentWrong"]);
                break;
            case CurrentPasswordStatus.TooManyAttempts:
                errors.Add(Id, text["Err_TooManyAttempts", format.Duration(check.Wait)]);
                break;
            case CurrentPasswordStatus.Unavailable:
                errors.Add(null, text["Err_UnavailableNothingSaved"]);
                break;
        }
    }
}

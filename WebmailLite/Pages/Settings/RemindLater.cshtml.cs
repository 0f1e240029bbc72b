using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// « Plus tard » on the invitation to prepare the account (<see cref="EnrolmentReminder"/>): put off on the server for
/// this identifier, then back to the page the person was on, where a one-shot line says when it will come back.
/// </summary>
public sealed class RemindLaterModel(IMailbox mailbox, EnrolmentReminder reminder, IOptions<RecoveryOptions> options, IStringLocalizer<SettingsText> text) : PageModel
{
    /// <summary>TempData key of the one-shot « we will remind you » line, shown where the invitation was.</summary>
    public const string DoneKey = "reminder.postponed";

    /// <summary>Nothing to show on its own: the invitation lives on the mail pages, its subject on « Sécurité du compte ».</summary>
    public IActionResult OnGet() => LocalRedirect(PageRoutes.Security);

    public IActionResult OnPost([FromForm(Name = "retour")] string? returnUrl)
    {
        reminder.Postpone(mailbox.Identifier);
        TempData[DoneKey] = text["Reminder_Postponed", (int)Math.Round(options.Value.ReminderPostponement.TotalDays)].Value;
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : PageRoutes.Inbox);
    }
}

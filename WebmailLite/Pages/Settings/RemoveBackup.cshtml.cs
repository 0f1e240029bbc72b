using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Pages.Mail;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Settings;

/// <summary>« Retirer l'adresse de secours ? »: a confirmation page (WCAG 3.3.4), no script confirm.</summary>
public sealed class RemoveBackupModel(EnrolmentService enrolment, IStringLocalizer<SettingsText> text) : PageModel
{
    public string? BackupAddress { get; private set; }

    public void OnGet() => BackupAddress = enrolment.Find(SessionCookie.Current(HttpContext)!.Identifier)?.BackupAddress;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await enrolment.RemoveBackupAddressAsync(SessionCookie.Current(HttpContext)!.Identifier, cancellationToken))
        {
            StatusBanner.Set(TempData, text["Done_BackupRemoved"]);
        }
        // Already gone (another tab): the security page shows « Aucune adresse de secours », which is what was wanted.
        return Redirect(SettingsUrls.Security);
    }
}

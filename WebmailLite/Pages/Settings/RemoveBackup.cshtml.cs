using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// « Retirer l'adresse de secours ? »: a confirmation page (WCAG 3.3.4), no script confirm, with the current password
/// (see <see cref="CurrentPasswordField"/>).
/// </summary>
public sealed class RemoveBackupModel(IMailbox mailbox, BackupAddressService backup, UiFormat format, IStringLocalizer<SettingsText> text) : PageModel, IFormWithErrors
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public string? BackupAddress { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            // Found before the handler (a NUL character in a field, NulCharacterFilter): shown with everything else typed.
            Load();
            return Page();
        }
        var removal = await backup.RemoveBackupAddressAsync(mailbox.Identifier, Input.Current, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (removal.Status)
        {
            case BackupRemovalStatus.Removed:
                StatusBanner.Set(TempData, text["Done_BackupRemoved"]);
                return Redirect(PageRoutes.Security);
            case BackupRemovalStatus.NothingToRemove:
                // Already gone (another tab): the security page shows « Aucune adresse de secours », which is what was wanted.
                return Redirect(PageRoutes.Security);
        }
        CurrentPasswordField.AddError(Errors, removal.Current, text, format);
        Load();
        return Page();
    }

    private void Load() => BackupAddress = backup.BackupAddressOf(mailbox.Identifier);

    public sealed class InputModel
    {
        /// <summary>Checked, never shown back.</summary>
        public string? Current { get; set; }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>
/// « Ajouter / Changer l'adresse de secours »: one field; a code goes to the address typed, and nothing is saved until
/// it comes back on the code page. The current password goes with it (see <see cref="CurrentPasswordField"/>).
/// </summary>
public sealed class BackupAddressModel(IMailbox mailbox, BackupAddressService backup, UiFormat format, IStringLocalizer<SettingsText> text) : PageModel, IFormWithErrors
{
    public const string AddressField = "Input_Address";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    public bool HasBackup { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Errors.Any)
        {
            // Found before the handler (a NUL character in a field, NulCharacterFilter): shown with everything else typed.
            Load();
            return Page();
        }
        var identifier = mailbox.Identifier;
        var request = await backup.RequestBackupAddressAsync(identifier, Input.Current, Input.Address, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (request.Status)
        {
            case BackupRequestStatus.Sent:
                return Redirect(PageRoutes.BackupCode);
            case BackupRequestStatus.Missing:
                Errors.Add(AddressField, text["Err_BackupMissing"]);
                break;
            case BackupRequestStatus.Invalid:
                Errors.Add(AddressField, text["Err_BackupInvalid"]);
                break;
            case BackupRequestStatus.OwnAddress:
                Errors.Add(AddressField, text["Err_BackupOwn"]);
                break;
            case BackupRequestStatus.TooManyRequests:
                Errors.Add(AddressField, text["Err_TooManyCodes", format.Duration(request.Wait)]);
                break;
        }
        CurrentPasswordField.AddError(Errors, request.Current, text, format);
        Load();
        return Page();
    }

    private void Load() => HasBackup = backup.BackupAddressOf(mailbox.Identifier) is not null;

    public sealed class InputModel
    {
        public string? Address { get; set; }

        /// <summary>Checked, never shown back.</summary>
        public string? Current { get; set; }
    }
}

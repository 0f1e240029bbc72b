using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Pages.Shared;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>The code sent to the proposed backup address: right, the address is registered; otherwise a plain reason.</summary>
public sealed class BackupCodeModel(IMailbox mailbox, BackupAddressService backup, UiFormat format, IOptions<RecoveryOptions> options, IStringLocalizer<SettingsText> text) : PageModel, IFormWithErrors
{
    public const string CodeField = "Input_Code";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FormErrors Errors { get; } = new();

    /// <summary>Where the code was sent; <c>null</c> when no code is waiting (expired, used, killed).</summary>
    public string? PendingAddress { get; private set; }

    public string Lifetime => format.Duration(options.Value.MailCodeLifetime);

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
        var outcome = await backup.ConfirmBackupAddressAsync(identifier, Input.Code, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.Status == BackupConfirmationStatus.Confirmed)
        {
            StatusBanner.Set(TempData, text["Done_BackupConfirmed", outcome.Address!]);
            return Redirect(PageRoutes.Security);
        }
        Load();
        var message = outcome.Status switch
        {
            BackupConfirmationStatus.Missing => text["Err_CodeMissing"],
            BackupConfirmationStatus.BadFormat => text["Err_CodeFormat"],
            BackupConfirmationStatus.Wrong => text["Err_CodeWrong"],
            BackupConfirmationStatus.Expired => text["Err_CodeExpired"],
            BackupConfirmationStatus.Killed => text["Err_CodeKilled"],
            _ => throw new InvalidOperationException($"No message for {outcome.Status}."),
        };
        // Once the code is gone (expired, killed by the last wrong try) no field can fix it: the page offers a new
        // code instead, and the summary must not link to a field it no longer shows.
        Errors.Add(PendingAddress is null ? null : CodeField, message);
        return Page();
    }

    private void Load() => PendingAddress = backup.PendingBackupAddress(mailbox.Identifier);

    public sealed class InputModel
    {
        public string? Code { get; set; }
    }
}

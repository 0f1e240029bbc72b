using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Pages.Mail;
using WebmailLite.Recovery.Enrolment;

namespace WebmailLite.Pages.Settings;

/// <summary>« Sécurité du compte »: what is registered for getting back in alone, and the way to change each.</summary>
public sealed class SecurityModel(IMailbox mailbox, BackupAddressService backup, PersonalQuestionsService questions) : PageModel
{
    public string? BackupAddress { get; private set; }

    public string? PendingAddress { get; private set; }

    public IReadOnlyList<string> Questions { get; private set; } = [];

    public string? Status { get; private set; }

    public void OnGet()
    {
        var identifier = mailbox.Identifier;
        BackupAddress = backup.BackupAddressOf(identifier);
        PendingAddress = backup.PendingBackupAddress(identifier);
        // A suggested question is stored by its key, and shown in the language of the page.
        Questions = questions.QuestionsOf(identifier);
        Status = StatusBanner.TakeStatus(TempData);
    }
}

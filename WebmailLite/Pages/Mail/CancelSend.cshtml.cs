using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « Annuler l'envoi de ce message ? »: the confirmation that deleting a message for good needs (WCAG 3.3.4), naming its
/// subject and recipients; then the message is removed and never leaves — unless its sending started meanwhile, which
/// the page says (the rule, and its atomicity against the background pass, are <see cref="IOutboxStore.Cancel"/>'s).
/// </summary>
public sealed class CancelSendModel(IMailbox mailbox, IOutboxStore store, IStringLocalizer<ComposeText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")]
    public string? Id { get; set; }

    /// <summary>The message, when it is this person's and still in the outbox.</summary>
    public OutboxItem? Item { get; private set; }

    public string Subject => Item is { Subject.Length: > 0 } item ? item.Subject : text["NoSubject"].Value;

    public IActionResult OnGet()
    {
        // Someone else's message reads as a missing one: no way to learn what others have waiting.
        Item = Id is { Length: > 0 } ? store.FindOwned(Id, mailbox.Identifier) : null;
        if (Item is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public IActionResult OnPost()
    {
        var outcome = Id is { Length: > 0 } ? store.Cancel(Id, mailbox.Identifier) : new TakeBackOutcome(TakeBackStatus.NotFound);
        Item = outcome.Item;
        switch (outcome.Status)
        {
            case TakeBackStatus.Done:
                TempData[ComposeModel.BannerKey] = text["Banner_Cancelled", Subject].Value;
                return LocalRedirect(ComposeUrls.Outbox);
            case TakeBackStatus.SendingStarted:
                TempData[OutboxModel.NoticeKey] = text["Outbox_TooLate", Subject].Value;
                return LocalRedirect(ComposeUrls.Outbox);
            default:
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
        }
    }
}

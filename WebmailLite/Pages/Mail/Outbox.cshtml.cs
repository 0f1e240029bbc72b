using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using WebmailLite.Infrastructure;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « En attente d'envoi »: the person's messages not sent yet, each with why, in plain words; for a send cut off by a
/// stop of the app, whether to send it anyway or take it out (<see cref="OutboxSender"/> explains why it is asked); for a
/// message whose sending has not started, « Modifier » and « Annuler l'envoi » (<see cref="CancelSendModel"/>).
/// </summary>
public sealed class OutboxModel(IMailbox mailbox, IOutboxStore store, IStringLocalizer<ComposeText> text) : PageModel
{
    public IReadOnlyList<MailFolder> Folders { get; private set; } = [];

    public IReadOnlyList<OutboxItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Items = store.ListFor(mailbox.Identifier);
        Folders = await mailbox.GetFoldersAsync(cancellationToken);
    }

    /// <summary>« Envoyer quand même »: one attempt now; the banner says how it went, the list shows the rest.</summary>
    public async Task<IActionResult> OnPostSendAnywayAsync([FromForm] string? id, [FromServices] OutboxSender sender)
    {
        var outcome = id is { Length: > 0 } ? await sender.SendInterruptedAsync(mailbox, id) : null;
        switch (outcome?.Kind)
        {
            case SendOutcomeKind.Sent:
                TempData[ComposeModel.BannerKey] = text["Banner_SentNoSubject"].Value + (outcome.CopiedToSent ? "" : " " + text["Banner_CopyPending"].Value);
                TempData[ComposeModel.BannerLinkKey] = outcome.SentFolder;
                break;
            case SendOutcomeKind.Queued:
                TempData[ComposeModel.BannerKey] = text["Banner_Queued", OutboxText.Reason(text, outcome.Problem)].Value;
                break;
        }
        // Refused: the list shows it with the server's reason; not found: it was settled meanwhile, the list says how.
        return LocalRedirect(ComposeUrls.Outbox);
    }

    /// <summary>
    /// « Modifier »: withdrawn from sending (atomically, against the background pass) and reopened in the compose form
    /// with everything; if its sending has started, the list says so and nothing changes.
    /// </summary>
    public IActionResult OnPostTakeBack([FromForm] string? id)
    {
        var outcome = id is { Length: > 0 } ? store.TakeBack(id, mailbox.Identifier) : new TakeBackOutcome(TakeBackStatus.NotFound);
        if (outcome.Status == TakeBackStatus.Done)
        {
            return LocalRedirect(ComposeUrls.Resume(outcome.Item!.Id));
        }
        if (outcome is { Status: TakeBackStatus.SendingStarted, Item: { } started })
        {
            TempData[NoticeKey] = text["Outbox_TooLate", SubjectOf(started)].Value;
        }
        // Not found: sent or cancelled meanwhile; the list shows what is left.
        return LocalRedirect(ComposeUrls.Outbox);
    }

    /// <summary>TempData key of the one-shot notice that a message could not be taken back, its sending having started.</summary>
    public const string NoticeKey = "outbox.notice";

    public string SubjectOf(OutboxItem item) => item.Subject.Length > 0 ? item.Subject : text["NoSubject"].Value;

    /// <summary>« Retirer de la boîte d'envoi »: gone, never sent again.</summary>
    public IActionResult OnPostWithdraw([FromForm] string? id)
    {
        if (id is { Length: > 0 } && store.Withdraw(id, mailbox.Identifier) is { } item)
        {
            TempData[ComposeModel.BannerKey] = text["Banner_Withdrawn", SubjectOf(item)].Value;
        }
        return LocalRedirect(ComposeUrls.Outbox);
    }
}

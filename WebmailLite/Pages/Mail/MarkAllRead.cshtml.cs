using Microsoft.Extensions.Localization;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>
/// « Tout marquer comme lu ? »: the whole folder, so it is confirmed on its own page with the number of messages it
/// changes. Mail arriving after the page stays unread.
/// </summary>
public sealed class MarkAllReadModel(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui)
    : WholeFolderActionModel(mailbox)
{
    protected override bool HasWork(MailFolder folder) => folder.Unread > 0;

    protected override async Task<string> ActAsync(MailFolder folder, uint upToUid, CancellationToken cancellationToken)
    {
        var marked = await Mailbox.MarkFolderReadAsync(folder.FullName, upToUid, cancellationToken) ?? 0;
        var count = marked == 1 ? text["Count_MarkedRead_One"].Value : text["Count_MarkedRead_Many", marked].Value;
        return text["Done_MarkAllRead", FolderNames.Display(folder, ui), count];
    }
}

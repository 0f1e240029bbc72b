using Microsoft.Extensions.Localization;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>« Vider la corbeille ? » (or the junk folder): a message arriving after the page is not deleted unseen.</summary>
public sealed class EmptyModel(IMailbox mailbox, IStringLocalizer<ManageText> text, IStringLocalizer<UiText> ui)
    : WholeFolderActionModel(mailbox)
{
    public bool Allowed => Folder is not null && MessageActions.CanEmpty(Folder);

    protected override bool Applies(MailFolder folder) => MessageActions.CanEmpty(folder);

    protected override bool HasWork(MailFolder folder) => folder.Total > 0;

    protected override async Task<string> ActAsync(MailFolder folder, uint upToUid, CancellationToken cancellationToken)
    {
        var deleted = await Mailbox.EmptyFolderAsync(folder.FullName, upToUid, cancellationToken) ?? 0;
        var count = deleted == 1 ? text["Count_Deleted_One"].Value : text["Count_Deleted_Many", deleted].Value;
        return text["Done_Empty", FolderNames.Display(folder, ui), count];
    }
}

using Microsoft.Extensions.Localization;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>Special-use folders by their French (or English) name whatever the server calls them; others by their own name.</summary>
public static class FolderNames
{
    public static string Display(MailFolder folder, IStringLocalizer<UiText> text) => folder.Special switch
    {
        SpecialFolder.Inbox => text["Folder_Inbox"],
        SpecialFolder.Drafts => text["Folder_Drafts"],
        SpecialFolder.Sent => text["Folder_Sent"],
        SpecialFolder.Trash => text["Folder_Trash"],
        SpecialFolder.Junk => text["Folder_Junk"],
        SpecialFolder.Archive => text["Folder_Archive"],
        _ => folder.Name,
    };
}

using Microsoft.Extensions.Localization;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>A folder as people read it where several levels appear together: « Projets › Théâtre ».</summary>
public static class FolderPath
{
    public static string Display(MailFolder folder, IStringLocalizer<UiText> text)
    {
        if (folder.Special != SpecialFolder.None || folder.FullName.Length <= folder.Name.Length || !folder.FullName.EndsWith(folder.Name, StringComparison.Ordinal))
        {
            return FolderNames.Display(folder, text);
        }
        // The character before the last segment is the server's hierarchy separator (« / » on Dovecot, « . » elsewhere).
        var separator = folder.FullName[folder.FullName.Length - folder.Name.Length - 1];
        return string.Join(" › ", folder.FullName.Split(separator));
    }
}

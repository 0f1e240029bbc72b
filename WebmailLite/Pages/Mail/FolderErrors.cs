using Microsoft.Extensions.Localization;
using WebmailLite.Mail;

namespace WebmailLite.Pages.Mail;

/// <summary>What to tell a person whose folder name, or folder change, was refused: the problem and what to do.</summary>
public static class FolderErrors
{
    public static string? ForName(FolderNameProblem problem, string name, IStringLocalizer<ManageText> text) => problem switch
    {
        FolderNameProblem.None => null,
        FolderNameProblem.Empty => text["Err_NameEmpty"].Value,
        FolderNameProblem.TooLong => text["Err_NameTooLong"].Value,
        FolderNameProblem.ForbiddenCharacter => text["Err_NameCharacters"].Value,
        _ => text["Err_NameReserved", name].Value,
    };

    public static string ForChange(FolderChange change, string name, IStringLocalizer<ManageText> text) => change.Status switch
    {
        FolderChangeStatus.AlreadyExists => text["Err_NameTaken", name],
        FolderChangeStatus.InvalidName => text["Err_NameCharacters"],
        FolderChangeStatus.NotFound => text["Folder_Gone"],
        _ => text["Err_NameRefused"],
    };
}

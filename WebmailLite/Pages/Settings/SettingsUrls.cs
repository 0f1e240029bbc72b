namespace WebmailLite.Pages.Settings;

/// <summary>The addresses of « Sécurité du compte », in French like the rest of the site.</summary>
public static class SettingsUrls
{
    public const string Security = PageRoutes.Security;
    public const string Backup = PageRoutes.Backup;
    public const string BackupCode = PageRoutes.BackupCode;
    public const string BackupRemove = PageRoutes.BackupRemove;
    public const string Questions = PageRoutes.Questions;
    public const string Password = PageRoutes.Password;
}

namespace WebmailLite.Pages.Settings;

/// <summary>The addresses of « Sécurité du compte », in French like the rest of the site.</summary>
public static class SettingsUrls
{
    public const string Security = "/parametres/securite";
    public const string Backup = "/parametres/securite/adresse-de-secours";
    public const string BackupCode = "/parametres/securite/adresse-de-secours/code";
    public const string BackupRemove = "/parametres/securite/adresse-de-secours/retirer";
    public const string Questions = "/parametres/securite/questions";
    public const string Password = "/parametres/securite/mot-de-passe";
}

using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Accounts.Ldap;

/// <summary>The app configured as an académie would: Dovecot and the app both on the rig's OpenLDAP.</summary>
public static class LdapSettings
{
    public static Dictionary<string, string?> For(DirectoryServer directory, Dictionary<string, string?>? more = null)
    {
        directory.MailServer();
        var settings = WebmailFactory.DovecotSettings(new()
        {
            ["Accounts:PasswdFile"] = null,
            ["Accounts:Ldap:Url"] = directory.Url,
            ["Accounts:Ldap:AllowPlainTextOnLoopback"] = "true",
            ["Accounts:Ldap:BaseDn"] = directory.PeopleDn,
            ["Accounts:Ldap:BindDn"] = directory.AppBindDn,
            ["Accounts:Ldap:BindPassword"] = directory.AppBindPassword,
            ["Accounts:Ldap:IdentifierFilter"] = directory.UserFilter,
            ["Accounts:Ldap:ContactAddressAttribute"] = directory.ContactAddressAttribute,
            ["Accounts:Ldap:StateAttribute"] = directory.StateAttribute,
            ["Accounts:Ldap:DisabledValues:0"] = DirectoryServer.StateDisabled,
            ["Accounts:Ldap:DeletedValues:0"] = DirectoryServer.StateDeleted,
        });
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }
}

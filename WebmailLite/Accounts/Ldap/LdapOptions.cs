namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// The académie's LDAP directory (configuration section <c>Accounts:Ldap</c>): OpenLDAP or an AD-compatible server
/// that Dovecot authenticates against too. Set <see cref="Url"/> to use it; the bind password comes from the
/// environment (<c>Accounts__Ldap__BindPassword</c>), never from a committed file.
/// </summary>
public sealed class LdapOptions
{
    /// <summary><c>ldap://host:389</c> (with <see cref="StartTls"/>) or <c>ldaps://host:636</c>. Empty: no directory.</summary>
    public string? Url { get; set; }

    /// <summary>Upgrades an <c>ldap://</c> connection with StartTLS before binding. The server's certificate is checked (system CAs).</summary>
    public bool StartTls { get; set; }

    /// <summary>
    /// Lets passwords travel over a connection that is neither <c>ldaps://</c> nor StartTLS. Only for a server on this
    /// machine (the test rig); refused at start for any other host.
    /// </summary>
    public bool AllowPlainTextOnLoopback { get; set; }

    /// <summary>The app's own account: reads people's attributes, may change their password (never the directory's administrator: its changes skip the password policy).</summary>
    public string? BindDn { get; set; }

    public string? BindPassword { get; set; }

    /// <summary>Where people are searched, e.g. <c>ou=people,dc=ac-exemple,dc=fr</c>.</summary>
    public string? BaseDn { get; set; }

    /// <summary>The filter that finds one person by identifier; <c>{0}</c> is the identifier, escaped (RFC 4515).</summary>
    public string IdentifierFilter { get; set; } = "(&(objectClass=inetOrgPerson)(uid={0}))";

    /// <summary>The filter of the people the staff directory lists in recipient suggestions.</summary>
    public string StaffFilter { get; set; } = "(&(objectClass=inetOrgPerson)(mail=*))";

    public string IdentifierAttribute { get; set; } = "uid";
    public string AccountAddressAttribute { get; set; } = "mail";

    /// <summary>The address the administration holds for codes by e-mail (a personal address). Empty: none.</summary>
    public string? ContactAddressAttribute { get; set; }

    public string DisplayNameAttribute { get; set; } = "displayName";

    /// <summary>The person's school or service.</summary>
    public string SchoolAttribute { get; set; } = "ou";

    /// <summary>The account's state, where the directory has one. Empty: every account found is active.</summary>
    public string? StateAttribute { get; set; }

    /// <summary>Values of <see cref="StateAttribute"/> meaning « disabled » (compared ignoring case).</summary>
    public List<string> DisabledValues { get; set; } = [];

    /// <summary>Values of <see cref="StateAttribute"/> meaning « deleted » (compared ignoring case).</summary>
    public List<string> DeletedValues { get; set; } = [];

    /// <summary>Limit of each operation on the directory.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the staff directory of recipient suggestions is read again in full.</summary>
    public TimeSpan StaffRefresh { get; set; } = TimeSpan.FromHours(1);

    public bool IsSet => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The state a value of <see cref="StateAttribute"/> means; anything else (or none) is active.</summary>
    public AccountState StateOf(string? value)
    {
        if (value is null)
        {
            return AccountState.Active;
        }
        if (DeletedValues.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return AccountState.Deleted;
        }
        return DisabledValues.Contains(value, StringComparer.OrdinalIgnoreCase) ? AccountState.Disabled : AccountState.Active;
    }
}

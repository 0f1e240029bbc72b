namespace WebmailLite.Accounts;

/// <summary>The account directory behind recovery and the system mail (configuration section <c>Accounts</c>).</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Dovecot's passwd-file. Empty: the practice directory (the practice mailbox's accounts).</summary>
    public string? PasswdFile { get; set; }

    /// <summary>
    /// Identifier → contact address held by the administration: one <c>identifier address</c> per line (tab or
    /// spaces between), <c>#</c> comments, blank lines ignored; identifiers compared trimmed and ignoring case; when
    /// an identifier appears twice, the last line wins (an appended correction replaces the old address).
    /// </summary>
    public string? ContactsFile { get; set; }

    /// <summary>From of system mail, e.g. « Messagerie académique &lt;ne-pas-repondre@ac-exemple.fr&gt; ».</summary>
    public string? SystemSender { get; set; }

    /// <summary>The SMTP submission account system mail is sent with (the server requires authentication).</summary>
    public SystemAccountOptions SystemAccount { get; set; } = new();

    /// <summary>bcrypt cost of new passwd-file hashes (each step doubles the work of every IMAP/SMTP login).</summary>
    public int PasswordHashCost { get; set; } = DefaultPasswordHashCost;

    public const int DefaultPasswordHashCost = 12;

    /// <summary>The display name used when <see cref="SystemSender"/> gives none, or is not set.</summary>
    public const string DefaultSenderName = "Messagerie académique";

    /// <summary>The local part used when <see cref="SystemSender"/> is not set (then @<c>Mail:AddressDomain</c>).</summary>
    public const string DefaultSenderLocalPart = "ne-pas-repondre";

    /// <summary>The académie's LDAP directory (<c>Accounts:Ldap:Url</c> set): used instead of a passwd-file.</summary>
    public Ldap.LdapOptions Ldap { get; set; } = new();

    public bool UsesPasswdFile => !string.IsNullOrWhiteSpace(PasswdFile);

    public bool UsesLdap => Ldap.IsSet;
}

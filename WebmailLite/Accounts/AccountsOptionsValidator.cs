using Microsoft.Extensions.Options;
using WebmailLite.Accounts.Ldap;
using WebmailLite.Mail;
using WebmailLite.Mail.Compose;
using WebmailLite.Mail.Sending;

namespace WebmailLite.Accounts;

/// <summary>
/// Checked at start (<c>ValidateOnStart</c>): a directory that can change passwords but cannot send the codes and
/// notifications that go with it, or a file name with a typo, must stop the app with a clear message rather than
/// fail in front of a person who is already locked out.
/// </summary>
public sealed class AccountsOptionsValidator(IOptions<MailOptions> mail) : IValidateOptions<AccountsOptions>
{
    public const int MinPasswordHashCost = 10;
    public const int MaxPasswordHashCost = 16;

    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        var failures = new List<string>();
        if (options.PasswordHashCost is < MinPasswordHashCost or > MaxPasswordHashCost)
        {
            failures.Add($"Accounts:PasswordHashCost must be between {MinPasswordHashCost} and {MaxPasswordHashCost} (it is {options.PasswordHashCost}).");
        }
        if (!string.IsNullOrWhiteSpace(options.SystemSender) && !Recipients.TryParseOne(options.SystemSender, out _))
        {
            failures.Add("Accounts:SystemSender is not one valid address (e.g. « Messagerie académique <ne-pas-repondre@ac-exemple.fr> »).");
        }
        var account = options.SystemAccount;
        if (string.IsNullOrWhiteSpace(account.Identifier) != string.IsNullOrEmpty(account.Password))
        {
            failures.Add("Accounts:SystemAccount needs both Identifier and Password.");
        }
        if (options.UsesPasswdFile && options.UsesLdap)
        {
            failures.Add("Accounts:PasswdFile and Accounts:Ldap:Url are both set: choose the one directory Dovecot authenticates against.");
        }
        if (options.UsesPasswdFile && !File.Exists(options.PasswdFile))
        {
            failures.Add($"Accounts:PasswdFile {options.PasswdFile} does not exist.");
        }
        if (options.UsesLdap)
        {
            failures.AddRange(LdapFailures(options.Ldap));
        }
        if (options.UsesPasswdFile || options.UsesLdap)
        {
            var key = options.UsesLdap ? "Accounts:Ldap:Url" : "Accounts:PasswdFile";
            if (!account.IsSet)
            {
                failures.Add($"{key} is set but Accounts:SystemAccount (Identifier, Password) is not: "
                    + "recovery could change passwords but not send the codes and notifications. Configure the SMTP account system mail is sent with.");
            }
            if (SystemSenderAddress.Resolve(options.SystemSender, mail.Value.AddressDomain, null) is null)
            {
                failures.Add($"{key} is set but system mail has no From: set Accounts:SystemSender or Mail:AddressDomain.");
            }
            if (mail.Value.UsePractice)
            {
                failures.Add($"{key} is set but Mail:Imap:Host is not: the passwords of a mail server cannot be changed for the practice mailbox.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.ContactsFile) && !File.Exists(options.ContactsFile))
        {
            failures.Add($"Accounts:ContactsFile {options.ContactsFile} does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> LdapFailures(LdapOptions ldap)
    {
        if (!Uri.TryCreate(ldap.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ldap" or "ldaps") || url.Host.Length == 0)
        {
            yield return $"Accounts:Ldap:Url must be ldap://host[:port] or ldaps://host[:port] (it is « {ldap.Url} »).";
            yield break;
        }
        var encrypted = url.Scheme == "ldaps" || ldap.StartTls;
        if (!encrypted && !(ldap.AllowPlainTextOnLoopback && url.IsLoopback))
        {
            yield return "Accounts:Ldap:Url is ldap:// without StartTls: passwords would cross the network in clear. "
                + "Use ldaps://, or set Accounts:Ldap:StartTls (AllowPlainTextOnLoopback is only for a server on this machine).";
        }
        if (url.Scheme == "ldaps" && ldap.StartTls)
        {
            yield return "Accounts:Ldap:StartTls applies to ldap:// only: with ldaps:// the connection is encrypted from the start.";
        }
        if (string.IsNullOrWhiteSpace(ldap.BaseDn))
        {
            yield return "Accounts:Ldap:BaseDn is not set (where people are searched, e.g. ou=people,dc=ac-exemple,dc=fr).";
        }
        if (string.IsNullOrWhiteSpace(ldap.BindDn) || string.IsNullOrEmpty(ldap.BindPassword))
        {
            yield return "Accounts:Ldap:BindDn and Accounts:Ldap:BindPassword (from the environment: Accounts__Ldap__BindPassword) are both needed.";
        }
        if (!ldap.IdentifierFilter.Contains("{0}", StringComparison.Ordinal))
        {
            yield return "Accounts:Ldap:IdentifierFilter must contain {0}, where the identifier goes.";
        }
        if (ldap.Timeout <= TimeSpan.Zero || ldap.StaffRefresh < TimeSpan.FromMinutes(1))
        {
            yield return "Accounts:Ldap:Timeout must be positive and Accounts:Ldap:StaffRefresh at least one minute.";
        }
        if (!string.IsNullOrWhiteSpace(ldap.StateAttribute) && ldap.DisabledValues.Count + ldap.DeletedValues.Count == 0)
        {
            yield return "Accounts:Ldap:StateAttribute is set but neither DisabledValues nor DeletedValues: no value would mean a closed account.";
        }
    }
}

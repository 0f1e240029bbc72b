using Microsoft.Extensions.Options;
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
        if (options.UsesPasswdFile)
        {
            if (!File.Exists(options.PasswdFile))
            {
                failures.Add($"Accounts:PasswdFile {options.PasswdFile} does not exist.");
            }
            if (!account.IsSet)
            {
                failures.Add("Accounts:PasswdFile is set but Accounts:SystemAccount (Identifier, Password) is not: "
                    + "recovery could change passwords but not send the codes and notifications. Configure the SMTP account system mail is sent with.");
            }
            if (SystemSenderAddress.Resolve(options.SystemSender, mail.Value.AddressDomain, null) is null)
            {
                failures.Add("Accounts:PasswdFile is set but system mail has no From: set Accounts:SystemSender or Mail:AddressDomain.");
            }
            if (mail.Value.UsePractice)
            {
                failures.Add("Accounts:PasswdFile is set but Mail:Imap:Host is not: the passwords of a mail server cannot be changed for the practice mailbox.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.ContactsFile) && !File.Exists(options.ContactsFile))
        {
            failures.Add($"Accounts:ContactsFile {options.ContactsFile} does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

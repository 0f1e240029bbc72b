using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Mail.Sending;

/// <summary>
/// The From of system mail: <c>Accounts:SystemSender</c> when set (« Messagerie académique
/// &lt;ne-pas-repondre@ac-exemple.fr&gt; », or a bare address, which then gets the default name), otherwise
/// « ne-pas-repondre@ » the académie's domain (<c>Mail:AddressDomain</c>), otherwise the practice domain's in
/// practice mode. The name, when the setting gives none, is the service's (<c>Branding:ServiceName</c>): the name
/// people see on the pages is the one they see on the mail. <c>null</c> when none of these gives a valid address.
/// </summary>
public static class SystemSenderAddress
{
    public static MailboxAddress? Resolve(string? systemSender, string? addressDomain, string? practiceDomain, string defaultName = AccountsOptions.DefaultSenderName)
    {
        if (!string.IsNullOrWhiteSpace(systemSender))
        {
            if (!Recipients.TryParseOne(systemSender, out var parsed))
            {
                return null;
            }
            return new MailboxAddress(string.IsNullOrWhiteSpace(parsed.Name) ? defaultName : parsed.Name, parsed.Address);
        }
        var domain = !string.IsNullOrWhiteSpace(addressDomain) ? addressDomain.Trim().TrimStart('@') : practiceDomain;
        if (string.IsNullOrWhiteSpace(domain)
            || !Recipients.TryParseOne(AccountsOptions.DefaultSenderLocalPart + "@" + domain, out var fallback))
        {
            return null;
        }
        return new MailboxAddress(defaultName, fallback.Address);
    }
}

using MimeKit;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Mail.Sending;

/// <summary>
/// Who a signed-in person sends as. The IMAP server knows people by their identifier only, so the address is made
/// from it: « cmartin » becomes « cmartin@{Mail:AddressDomain} »; an identifier that is already an address
/// (« c.martin@ac-exemple.fr ») is used as it is. Without a domain configured, an identifier without « @ » gives no
/// address and sending is refused with a clear message rather than sent from a made-up one.
/// </summary>
public static class SenderAddresses
{
    public static MailboxAddress? For(string identifier, string? addressDomain)
    {
        var id = identifier.Trim();
        string? address;
        if (id.Contains('@', StringComparison.Ordinal))
        {
            address = id;
        }
        else
        {
            var domain = addressDomain?.Trim().TrimStart('@');
            address = string.IsNullOrEmpty(domain) ? null : id + "@" + domain;
        }

        return address is not null && Recipients.TryParseOne(address, out var parsed)
            ? new MailboxAddress("", parsed.Address)
            : null;
    }
}

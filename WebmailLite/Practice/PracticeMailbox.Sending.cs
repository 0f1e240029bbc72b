using MimeKit;
using WebmailLite.Mail;

namespace WebmailLite.Practice;

/// <summary>
/// Sending in the practice mailbox: a message to a practice account lands in that account's inbox, as if a server
/// had delivered it; any other address is « sent » to nowhere. Nothing ever leaves the app.
/// </summary>
public sealed partial class PracticeMailbox
{
    public MailboxAddress? SenderAddress =>
        store.FindAccount(Identifier) is { } account ? new MailboxAddress(account.DisplayName, account.Address) : null;

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        store.Deliver(message);
        return Task.CompletedTask;
    }

    public Task<AppendedMessage> AppendAsync(SpecialFolder folder, MimeMessage message, AppendFlags flags, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = folder == SpecialFolder.Inbox ? "INBOX" : store.FindSpecialFolderName(Identifier, folder) ?? folder.ToString();
        var uid = store.AddMessage(Identifier, name, message, seen: flags.HasFlag(AppendFlags.Seen));
        return Task.FromResult(new AppendedMessage(name, (uint?)uid));
    }

    public Task<string?> FindSentCopyAsync(string messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sent = store.FindSpecialFolderName(Identifier, SpecialFolder.Sent);
        return Task.FromResult(sent is not null && !string.IsNullOrWhiteSpace(messageId) && store.ContainsMessageId(Identifier, sent, messageId) ? sent : null);
    }
}

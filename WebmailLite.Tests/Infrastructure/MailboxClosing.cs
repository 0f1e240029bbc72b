using WebmailLite.Mail;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// Closes a mailbox at the end of a test's scope (<c>await using</c>). <see cref="IMailbox"/> is deliberately not
/// disposable (the app hands it to pages from a request scope), so tests that own one say so with this.
/// </summary>
public readonly struct MailboxClosing(IMailbox mailbox) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => mailbox.CloseAsync();
}

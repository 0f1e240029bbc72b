using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MimeKit;
using WebmailLite.Accounts;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>System mail kept in memory, for page tests of recovery (the Dovecot tests read real mailboxes instead).</summary>
public sealed partial class CapturingSystemMail : ISystemMail
{
    private readonly ConcurrentQueue<MimeMessage> _sent = new();

    public MailboxAddress Sender { get; } = new("Messagerie académique", "ne-pas-repondre@ac-test.fr");

    public IReadOnlyList<MimeMessage> Sent => [.. _sent];

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        message.From.Clear();
        message.From.Add(Sender);
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>Waits for the <paramref name="count"/>-th message (the recovery mailer sends in the background).</summary>
    public async Task<MimeMessage> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_sent.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} system mails, saw {_sent.Count}.");
            }
            await Task.Delay(20);
        }
        return _sent.ElementAt(count - 1);
    }

    public static string CodeIn(MimeMessage message) =>
        EightDigits().Match(message.TextBody ?? "") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException("No 8-digit code in the message.");

    [GeneratedRegex(@"(?<!\d)\d{8}(?!\d)")]
    private static partial Regex EightDigits();
}

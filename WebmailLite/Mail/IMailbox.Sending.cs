using MimeKit;

namespace WebmailLite.Mail;

// Sends mail as the signed-in person. Implemented by both mailboxes: the IMAP one submits over SMTP with the
// session's own credentials (kept in memory, never handed out), the practice one delivers into the practice store.
public partial interface IMailbox
{
    /// <summary>
    /// The From of everything this person sends, or <c>null</c> when it cannot be known (an identifier without
    /// « @ » and no <c>Mail:AddressDomain</c> configured): sending is then impossible.
    /// </summary>
    MailboxAddress? SenderAddress { get; }

    /// <summary>
    /// The name and address the académie's directory gives this account (« Hélène Dupont &lt;helene.dupont@…&gt; »),
    /// set once at sign-in: the From then uses them rather than the address made from the identifier. Ignored by the
    /// practice mailbox, whose people have their own.
    /// </summary>
    void UseDirectorySender(MailboxAddress sender)
    {
    }

    /// <summary>
    /// Submits the message to every To, Cc and Bcc recipient (the Bcc header itself is never transmitted). One new
    /// connection per call, every step bounded by <c>Mail:Timeout</c>. Either every recipient is accepted or
    /// nothing is sent.
    /// </summary>
    /// <exception cref="MailSendException">Not sent: <see cref="MailSendException.Permanent"/> says whether trying again can help.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Why a message could not be sent, in words the pages turn into plain French.</summary>
public enum SendProblem
{
    /// <summary>The sending server could not be reached (connection refused, network down, TLS failure).</summary>
    Unreachable,

    /// <summary>The sending server did not answer in time.</summary>
    TimedOut,

    /// <summary>The server answered 4xx: busy, greylisting, over quota for now.</summary>
    TemporarilyRefused,

    /// <summary>The sending server did not accept the session's credentials.</summary>
    AuthenticationRefused,

    /// <summary>The conversation broke off or the server answered something unexpected.</summary>
    ServerError,

    /// <summary>The server answered 5xx: a recipient, the sender or the message itself is refused for good.</summary>
    Refused,
}

/// <summary>A recipient that the server refused, with its own words.</summary>
public sealed record RefusedRecipient(string Address, string ServerText);

/// <summary>
/// A message was not sent. <see cref="Permanent"/> (a 5xx answer) means sending it again unchanged would fail again:
/// it goes back to the person. Otherwise it waits in the outbox and is tried again.
/// </summary>
public sealed class MailSendException(
    SendProblem problem,
    string? serverText = null,
    IReadOnlyList<RefusedRecipient>? refusedRecipients = null,
    Exception? inner = null)
    : Exception("The message was not sent: " + problem, inner)
{
    public SendProblem Problem { get; } = problem;

    public bool Permanent => Problem == SendProblem.Refused;

    /// <summary>The server's own answer (e.g. « 5.1.1 User unknown »), when it gave one. Shown to the person; never logged.</summary>
    public string? ServerText { get; } = serverText;

    public IReadOnlyList<RefusedRecipient> RefusedRecipients { get; } = refusedRecipients ?? [];
}

using MimeKit;

namespace WebmailLite.Mail;

/// <summary>
/// The signed-in person's mailbox: everything both implementations support — reading here; organizing, search and
/// sort, drafts, sending and appending in the other parts of this partial interface. Implemented against IMAP
/// (<see cref="Imap.ImapMailbox"/>) and against the embedded practice store; one contract test suite runs against
/// both. Pages receive it by constructor (scoped: the session's mailbox, see <c>AddMail</c>). Messages are
/// identified by folder full name and UID, never by sequence number.
/// </summary>
/// <remarks>
/// Failures of the mail service surface as <see cref="MailUnavailableException"/>; a message or folder that
/// does not exist is <c>null</c>, not an exception.
/// </remarks>
public partial interface IMailbox
{
    /// <summary>The identifier the person signed in with.</summary>
    string Identifier { get; }

    /// <summary>
    /// Logs out of the mail server; only the session that owns the mailbox calls it, when it ends. Deliberately not
    /// <see cref="IAsyncDisposable"/>: pages receive the mailbox from a request scope, and the container would dispose
    /// (log out) a disposable at the end of every request.
    /// </summary>
    ValueTask CloseAsync();

    /// <summary>
    /// Closes the connection to the mail server when nothing has used it for <paramref name="idleFor"/> or longer, and
    /// keeps the session: the next operation reconnects with the credentials held in memory, as after a dropped
    /// connection, and the person notices nothing. Never waits for an operation in progress (that mailbox is not idle).
    /// <c>true</c> when a connection was closed. Mailboxes without a server connection have nothing to release.
    /// </summary>
    ValueTask<bool> ReleaseIdleConnectionAsync(TimeSpan idleFor) => ValueTask.FromResult(false);

    /// <summary>Whether the mailbox holds a connection to the mail server at this moment (for the operators' metrics).</summary>
    bool HoldsConnection => false;

    /// <summary>Every selectable folder with its unread and total counts, the inbox first, then special-use folders, then the rest by name.</summary>
    Task<IReadOnlyList<MailFolder>> GetFoldersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One page of a folder, newest first. Only the envelopes of that page are fetched: the cost grows with
    /// <paramref name="pageSize"/>, not with the size of the folder. <paramref name="page"/> starts at 1 and is
    /// clamped to the last page. Returns <c>null</c> when the folder does not exist.
    /// </summary>
    Task<MessageListPage?> GetMessagesAsync(string folder, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The whole message, parsed, and marks it read. <c>null</c> when the folder or UID does not exist.</summary>
    Task<MimeMessage?> OpenMessageAsync(string folder, uint uid, CancellationToken cancellationToken);

    /// <summary>
    /// The message for the message page, marked read, with page <paramref name="bodyPage"/> (from 1) of its body: a
    /// message larger than <see cref="MessageToRead.WholeMessagePages"/> pages is not read whole, only its headers, its
    /// structure and that page of each body candidate (<see cref="MessageToRead.Excerpts"/>), so that neither memory nor
    /// transfer grows with the message. <c>null</c> when the folder or UID does not exist.
    /// </summary>
    Task<MessageToRead?> ReadMessageAsync(string folder, uint uid, int bodyPage, CancellationToken cancellationToken);

    /// <summary>
    /// « Télécharger le message »: writes the message's source (its RFC 5322 bytes, as stored) to the stream that
    /// <paramref name="open"/> returns, a piece at a time, without changing its flags, so that memory does not grow with
    /// the message. <paramref name="open"/> is called once, when the message is found, with its subject (for the file
    /// name). <c>false</c> when the folder or UID does not exist.
    /// </summary>
    Task<bool> CopySourceAsync(string folder, uint uid, Func<string, Stream> open, CancellationToken cancellationToken);

    /// <summary>The whole message, parsed, without changing its flags (attachments, inline images).</summary>
    Task<MimeMessage?> PeekMessageAsync(string folder, uint uid, CancellationToken cancellationToken);
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace WebmailLite.Mail.Imap;

public sealed partial class ImapMailbox : IMailbox
{
    // Logging out must never hold up sign-out or the idle sweep for long: a dead server gets this much, then the socket is dropped.
    private static readonly TimeSpan LogoutBound = TimeSpan.FromSeconds(3);

    private const MessageSummaryItems ListItems =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags |
        MessageSummaryItems.Size | MessageSummaryItems.BodyStructure | MessageSummaryItems.InternalDate;

    private readonly string _host;
    private readonly int _port;
    private readonly SecureSocketOptions _security;
    private readonly TimeSpan _timeout;
    private readonly NetworkCredential _credential;
    private readonly MailOptions _options;
    private readonly ILogger _logger;

    // One IMAP connection carries state (the selected folder) and an ImapClient is not safe for concurrent use:
    // _client and _openFolder are only touched while holding this gate (CloseAsync aside, when a request overruns
    // LogoutBound: it then pulls the socket from under that request on purpose).
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImapClient? _client;
    private IMailFolder? _openFolder;
    private readonly TimeProvider _time;
    // When the connection last finished an operation (TimeProvider's timestamp: monotonic, unaffected by clock changes).
    private long _lastUsed;
    private volatile bool _disposed;

    internal ImapMailbox(MailOptions options, string identifier, string password, TimeProvider time, ILogger logger)
    {
        _host = options.Imap.Host ?? throw new ArgumentException("No IMAP host configured.", nameof(options));
        _port = options.Imap.Port;
        _security = options.Imap.Security switch
        {
            TransportSecurity.None => SecureSocketOptions.None,
            TransportSecurity.StartTls => SecureSocketOptions.StartTls,
            TransportSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Imap.Security, "Unknown transport security."),
        };
        _timeout = options.Timeout;
        // The password lives only in this process's memory, for the life of the session, so that a dropped connection
        // can be re-established without asking the person again.
        _credential = new NetworkCredential(identifier, password);
        _options = options;
        _time = time;
        _lastUsed = time.GetTimestamp();
        _logger = logger;
        Identifier = identifier;
    }

    public string Identifier { get; }

    public bool HoldsConnection => _client is { IsConnected: true };

    internal string Endpoint => $"{_host}:{_port}";

    // Connects and authenticates, letting MailKit's exceptions through unchanged: the sign-in service tells a wrong
    // password from an unreachable server by them.
    internal async Task SignInAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await ConnectAsync(cancellationToken);
        }
        catch
        {
            DropClient();
            throw;
        }
        finally
        {
            _lastUsed = _time.GetTimestamp();
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<MailFolder>> GetFoldersAsync(CancellationToken cancellationToken) =>
        UseImapAsync(ListFoldersAsync, cancellationToken);

    // Inside the gate, so that operations that need the folder list (search in every folder) run it in the same turn.
    private static async Task<IReadOnlyList<MailFolder>> ListFoldersAsync(ImapClient client, CancellationToken ct)
    {
        var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        // One LIST-STATUS round trip when the server offers it (Dovecot does); MailKit falls back to STATUS per folder.
        var listed = await client.GetFoldersAsync(personal, StatusItems.Count | StatusItems.Unread, subscribedOnly: false, ct);
        var folders = listed
            .Where(f => (f.Attributes & (FolderAttributes.NonExistent | FolderAttributes.NoSelect)) == 0)
            .ToList();

        // With a namespace prefixed "INBOX." (Courier, Cyrus) the inbox itself is not under the namespace.
        if (!folders.Any(f => IsInbox(f, client)))
        {
            await client.Inbox.StatusAsync(StatusItems.Count | StatusItems.Unread, ct);
            folders.Add(client.Inbox);
        }

        return FolderOrder.Sort(folders.Select(f => ToMailFolder(f, client, f.Unread)));
    }

    public Task<MessageListPage?> GetMessagesAsync(string folder, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        return UseImapAsync(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
            if (opened is null)
            {
                return null;
            }

            // Sequence order is arrival order, so the newest page is at the end: fetch only that index range, so the
            // cost grows with the page size and not with the folder size.
            var total = opened.Count;
            var pageCount = Math.Max(1, total / pageSize + (total % pageSize == 0 ? 0 : 1));
            var current = Math.Clamp(page, 1, pageCount);
            IList<IMessageSummary> summaries = [];
            if (total > 0)
            {
                var max = total - 1 - (current - 1) * pageSize;
                var min = Math.Max(0, max - pageSize + 1);
                summaries = await opened.FetchAsync(min, max, new FetchRequest(ListItems), ct);
            }

            // SEARCH UNSEEN RETURN (COUNT) on the open folder: SELECT's UNSEEN is a sequence number, not a count.
            var unread = client.Capabilities.HasFlag(ImapCapabilities.ESearch)
                ? (await opened.SearchAsync(SearchOptions.Count, SearchQuery.NotSeen, ct)).Count
                : (await opened.SearchAsync(SearchQuery.NotSeen, ct)).Count;

            var messages = summaries
                .OrderByDescending(s => s.Index)
                .Select(ToMessageSummary)
                .ToList();
            return new MessageListPage(ToMailFolder(opened, client, unread), current, pageCount, messages);
        }, cancellationToken);
    }

    public Task<MimeMessage?> OpenMessageAsync(string folder, uint uid, CancellationToken cancellationToken) =>
        GetMessageAsync(folder, uid, markSeen: true, cancellationToken);

    public Task<MimeMessage?> PeekMessageAsync(string folder, uint uid, CancellationToken cancellationToken) =>
        GetMessageAsync(folder, uid, markSeen: false, cancellationToken);

    public async ValueTask CloseAsync()
    {
        // Wait (bounded) for a request still using the connection, so that LOGOUT does not interleave with its commands.
        var entered = await _gate.WaitAsync(LogoutBound);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (entered)
            {
                await LogOutAsync();
            }

            DropClient();
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask<bool> ReleaseIdleConnectionAsync(TimeSpan idleFor)
    {
        // A mailbox in use is not idle: never wait for it, never interrupt it.
        if (!_gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (_disposed || _client is null || _time.GetElapsedTime(_lastUsed) < idleFor)
            {
                return false;
            }

            await LogOutAsync();
            DropClient();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Inside the gate. Logging out is a courtesy to the server (its process ends at once rather than at its own idle
    // timeout); the caller drops the socket whatever happens.
    private async Task LogOutAsync()
    {
        if (_client is not { IsConnected: true } client)
        {
            return;
        }

        using var bound = new CancellationTokenSource(LogoutBound);
        try
        {
            await client.DisconnectAsync(quit: true, bound.Token);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "IMAP logout from {Endpoint} did not complete", Endpoint);
        }
    }

    private Task<MimeMessage?> GetMessageAsync(string folder, uint uid, bool markSeen, CancellationToken cancellationToken)
    {
        if (uid == 0)
        {
            // UID 0 never exists in IMAP (and MailKit's UniqueId refuses it): not found, without a round trip.
            return Task.FromResult<MimeMessage?>(null);
        }

        return UseImapAsync(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, markSeen ? FolderAccess.ReadWrite : FolderAccess.ReadOnly, ct);
            if (opened is null)
            {
                return null;
            }

            var id = new UniqueId(uid);
            MimeMessage message;
            try
            {
                // MailKit fetches BODY.PEEK[]: reading never sets \Seen by itself, so peeking is just this call.
                message = await opened.GetMessageAsync(id, ct);
            }
            catch (MessageNotFoundException)
            {
                return null;
            }

            if (markSeen)
            {
                await opened.AddFlagsAsync(id, MessageFlags.Seen, silent: true, ct);
            }

            return message;
        }, cancellationToken);
    }

    // Selects the folder with at least the given access, reusing the one already selected on this connection when it
    // fits (no needless SELECT between clicks). null when the folder does not exist.
    private async Task<IMailFolder?> OpenFolderAsync(ImapClient client, string fullName, FolderAccess access, CancellationToken ct)
    {
        if (_openFolder is { IsOpen: true } current
            && string.Equals(current.FullName, fullName, StringComparison.Ordinal)
            && current.Access >= access)
        {
            // A folder kept selected between clicks only learns of new or expunged mail when a command runs: NOOP brings
            // its EXISTS/EXPUNGE up to date, and is cheaper than selecting again.
            await client.NoOpAsync(ct);
            if (current.IsOpen)
            {
                return current;
            }
        }

        IMailFolder folder;
        try
        {
            folder = string.Equals(fullName, "INBOX", StringComparison.OrdinalIgnoreCase)
                ? client.Inbox
                : await client.GetFolderAsync(fullName, ct);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }

        if ((folder.Attributes & (FolderAttributes.NonExistent | FolderAttributes.NoSelect)) != 0)
        {
            return null;
        }

        _openFolder = null;
        try
        {
            await folder.OpenAsync(access, ct);
        }
        catch (ImapCommandException e) when (e.Response == ImapCommandResponse.No)
        {
            // MailKit answers GetFolderAsync from its cache of listed folders: one deleted since (from another client)
            // only shows up as SELECT being refused.
            return null;
        }

        _openFolder = folder;
        return folder;
    }

    private async Task<T> UseImapAsync<T>(Func<ImapClient, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            var fresh = false;
            if (_client is not { IsConnected: true, IsAuthenticated: true })
            {
                await ReconnectAsync(cancellationToken);
                fresh = true;
            }

            try
            {
                return await work(_client!, cancellationToken);
            }
            catch (Exception e) when (!fresh && IsConnectionLost(e) && !cancellationToken.IsCancellationRequested && !_disposed)
            {
                // The connection died while idle between two clicks (Dovecot restarted, idle timeout, NAT dropped it).
                // Every operation here is idempotent (reads, setting \Seen), so reconnect once and run it again: the person
                // sees nothing.
                _logger.LogInformation("IMAP connection to {Endpoint} was lost ({ExceptionType}); reconnecting", Endpoint, e.GetType().Name);
            }

            await ReconnectAsync(cancellationToken);
            return await work(_client!, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A command abandoned half-way leaves the protocol stream in an unknown state: start clean next time.
            DropClient();
            throw;
        }
        catch (Exception e) when (IsServiceFailure(e) && !_disposed)
        {
            DropClient();
            // MailKit's messages carry no credentials; the stack helps administrators.
            _logger.LogWarning(e, "IMAP operation on {Endpoint} failed: {ExceptionType}", Endpoint, e.GetType().Name);
            throw new MailUnavailableException("The IMAP server failed to answer.", e);
        }
        finally
        {
            _lastUsed = _time.GetTimestamp();
            _gate.Release();
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        // Never open a connection for a mailbox already disposed: nothing would ever log it out.
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (LoginRefusedException e)
        {
            DropClient();
            // Too many sessions of this person, or the server's back end down: the credentials are still good, the
            // session stays; this click fails as an unavailable server.
            _logger.LogWarning("IMAP reconnection to {Endpoint} refused with [{ResponseCode}]", Endpoint, e.ResponseCode);
            throw new MailUnavailableException("The IMAP server refused the reconnection for a reason other than the credentials.", e);
        }
        catch (AuthenticationException e)
        {
            DropClient();
            // The password was changed elsewhere (or the account closed) since sign-in: the session must end.
            throw new MailCredentialsRejectedException("The IMAP server no longer accepts this session's credentials.", e);
        }
        catch (Exception e) when (IsServiceFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            DropClient();
            _logger.LogWarning(e, "IMAP reconnection to {Endpoint} failed: {ExceptionType}", Endpoint, e.GetType().Name);
            throw new MailUnavailableException("The IMAP server cannot be reached.", e);
        }
    }

    // A new client for each connection: nothing (selected folder, folder cache) survives from a broken one.
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        DropClient();
        var replies = new LoginReplyRecorder();
        var client = new ImapClient(replies) { Timeout = (int)Math.Clamp(_timeout.TotalMilliseconds, 1, int.MaxValue) };
        _client = client;

        // Certificates are validated by the operating system's trust store: no ServerCertificateValidationCallback, ever.
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(_timeout);
            await client.ConnectAsync(_host, _port, _security, connectTimeout.Token);
        }

        replies.Recording = true;
        try
        {
            if (client.AuthenticationMechanisms.Contains("PLAIN"))
            {
                // One mechanism, one round trip: left to itself MailKit tries every mechanism the server offers, then the
                // LOGIN command, which turns a wrong password into a slow answer (about 1.5 s against Dovecot).
                await client.AuthenticateAsync(new SaslMechanismPlain(Encoding.UTF8, _credential), cancellationToken);
            }
            else
            {
                client.AuthenticationMechanisms.RemoveWhere(m => !string.Equals(m, "LOGIN", StringComparison.OrdinalIgnoreCase));
                await client.AuthenticateAsync(Encoding.UTF8, _credential, cancellationToken);
            }
        }
        catch (AuthenticationException e) when (replies.LastTaggedResponseCode() is { } code && LoginRefusedException.IsNotAboutCredentials(code))
        {
            // « NO [LIMIT] Maximum number of connections from user+IP exceeded »: not a wrong password (see LoginReplyRecorder).
            throw new LoginRefusedException(code, e);
        }
        finally
        {
            replies.Recording = false;
        }
    }

    private void DropClient()
    {
        _openFolder = null;
        var client = _client;
        _client = null;
        // Dispose closes the socket without a LOGOUT: used on broken connections, where LOGOUT would only wait.
        client?.Dispose();
    }

    // A timeout is not a lost connection: retrying would make the person wait twice as long for a server that is
    // already too slow.
    private static bool IsConnectionLost(Exception e) =>
        e is ServiceNotConnectedException or ImapProtocolException or IOException or SocketException && !IsTimeout(e);

    private static bool IsTimeout(Exception e) =>
        e is TimeoutException
        || e is SocketException { SocketErrorCode: SocketError.TimedOut }
        || e.InnerException is { } inner && IsTimeout(inner);

    private static bool IsServiceFailure(Exception e) =>
        IsConnectionLost(e)
        || e is ImapCommandException or TimeoutException or SslHandshakeException or SaslException or NotSupportedException
        // Our own connect timeout (the caller's cancellation is filtered out before this is asked).
        || e is OperationCanceledException;

    private static bool IsInbox(IMailFolder folder, ImapClient client) =>
        (folder.Attributes & FolderAttributes.Inbox) != 0
        || string.Equals(folder.FullName, client.Inbox.FullName, StringComparison.OrdinalIgnoreCase);

    private static MailFolder ToMailFolder(IMailFolder folder, ImapClient client, int unread) =>
        new(folder.FullName, folder.Name, SpecialOf(folder, client), unread, folder.Count);

    private static SpecialFolder SpecialOf(IMailFolder folder, ImapClient client)
    {
        if (IsInbox(folder, client))
        {
            return SpecialFolder.Inbox;
        }

        var attributes = folder.Attributes;
        if ((attributes & FolderAttributes.Drafts) != 0)
        {
            return SpecialFolder.Drafts;
        }

        if ((attributes & FolderAttributes.Sent) != 0)
        {
            return SpecialFolder.Sent;
        }

        if ((attributes & FolderAttributes.Archive) != 0)
        {
            return SpecialFolder.Archive;
        }

        if ((attributes & FolderAttributes.Junk) != 0)
        {
            return SpecialFolder.Junk;
        }

        if ((attributes & FolderAttributes.Trash) != 0)
        {
            return SpecialFolder.Trash;
        }

        return SpecialFolder.None;
    }

    private static MessageSummary ToMessageSummary(IMessageSummary summary)
    {
        var envelope = summary.Envelope;
        var from = envelope?.From.Mailboxes.FirstOrDefault();
        var flags = summary.Flags ?? MessageFlags.None;
        return new MessageSummary(
            summary.UniqueId.Id,
            from?.Name ?? "",
            from?.Address ?? "",
            envelope?.Subject ?? "",
            envelope?.Date ?? summary.InternalDate ?? DateTimeOffset.UnixEpoch,
            summary.Size ?? 0,
            (flags & MessageFlags.Seen) != 0,
            (flags & MessageFlags.Flagged) != 0,
            summary.Body is not null && summary.Attachments.Any());
    }
}

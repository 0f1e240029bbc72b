using MimeKit;
using WebmailLite.Mail;

namespace WebmailLite.Practice;

/// <summary>
/// One signed-in practice account's view of the <see cref="PracticeStore"/>. LiteDB is synchronous and in
/// process, so every method completes before it returns; nothing here holds a transaction across an await.
/// </summary>
public sealed partial class PracticeMailbox(PracticeStore store, string identifier) : IMailbox
{
    public string Identifier { get; } = PracticeStore.NormalizeIdentifier(identifier);

    public Task<IReadOnlyList<MailFolder>> GetFoldersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FolderOrder.Sort(store.GetFolders(Identifier)));
    }

    public Task<MessageListPage?> GetMessagesAsync(string folder, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var found = store.FindFolder(Identifier, folder);
        if (found is null)
        {
            return Task.FromResult<MessageListPage?>(null);
        }
        // An empty folder still has one (empty) page, and a page past the end shows the last one: a stale
        // link after messages were moved away lands somewhere useful instead of on an error.
        var pageCount = found.Total == 0 ? 1 : (found.Total - 1) / pageSize + 1;
        var current = Math.Clamp(page, 1, pageCount);
        var messages = store.ReadNewestFirst(Identifier, found.FullName, (current - 1) * pageSize, pageSize);
        return Task.FromResult<MessageListPage?>(new MessageListPage(found, current, pageCount, messages));
    }

    public Task<MimeMessage?> OpenMessageAsync(string folder, uint uid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var message = Load(folder, uid);
        if (message is not null)
        {
            store.SetSeen(Identifier, folder, uid, seen: true);
        }
        return Task.FromResult(message);
    }

    // The practice store keeps each message's source in memory (LiteDB) anyway: it is read whole, and the renderer still
    // shows one page of its body.
    public async Task<MessageToRead?> ReadMessageAsync(string folder, uint uid, int bodyPage, CancellationToken cancellationToken) =>
        await OpenMessageAsync(folder, uid, cancellationToken) is { } message ? MessageToRead.Whole(message) : null;

    public async Task<bool> CopySourceAsync(string folder, uint uid, Func<string, Stream> open, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (store.GetSource(Identifier, folder, uid) is not { } raw)
        {
            return false;
        }
        using var headers = new MemoryStream(raw, writable: false);
        var subject = HeaderList.Load(headers, cancellationToken)[HeaderId.Subject] ?? "";
        await open(subject).WriteAsync(raw, cancellationToken);
        return true;
    }

    public Task<MimeMessage?> PeekMessageAsync(string folder, uint uid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Load(folder, uid));
    }

    // Nothing to log out of: the store belongs to the application, not to this session.
    public ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>The inbox, then Drafts, Sent, Archive, Junk, Trash, then every other folder by name.</summary>
    private MimeMessage? Load(string folder, uint uid)
    {
        var raw = store.GetSource(Identifier, folder, uid);
        if (raw is null)
        {
            return null;
        }
        // MimeKit's parser is lenient by design: broken boundaries and unknown charsets still give a message.
        using var stream = new MemoryStream(raw, writable: false);
        return MimeMessage.Load(stream);
    }
}

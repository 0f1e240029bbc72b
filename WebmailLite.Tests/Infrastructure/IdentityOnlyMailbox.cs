using MimeKit;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// A mailbox for unit tests that need a signed-in identity and nothing else (sessions, recovery, enrolment): every
/// mail operation throws, so a test that reaches one by mistake fails loudly. <see cref="Closed"/> tells whether the
/// owner logged it out.
/// </summary>
public sealed class IdentityOnlyMailbox(string identifier) : IMailbox
{
    public string Identifier { get; } = identifier;

    public bool Closed { get; private set; }

    public MailboxAddress? SenderAddress => null;

    public ValueTask CloseAsync()
    {
        Closed = true;
        return ValueTask.CompletedTask;
    }

    public Task<IReadOnlyList<MailFolder>> GetFoldersAsync(CancellationToken cancellationToken) => throw Unsupported();
    public Task<MessageListPage?> GetMessagesAsync(string folder, int page, int pageSize, CancellationToken cancellationToken) => throw Unsupported();
    public Task<MimeMessage?> OpenMessageAsync(string folder, uint uid, CancellationToken cancellationToken) => throw Unsupported();
    public Task<MimeMessage?> PeekMessageAsync(string folder, uint uid, CancellationToken cancellationToken) => throw Unsupported();
    public Task<bool> CopySourceAsync(string folder, uint uid, Func<string, Stream> open, CancellationToken cancellationToken) => throw Unsupported();
    public Task<MessageToRead?> ReadMessageAsync(string folder, uint uid, int bodyPage, CancellationToken cancellationToken) => throw Unsupported();
    public Task<int?> SetFlagAsync(string folder, IReadOnlyCollection<uint> uids, MessageFlag flag, bool value, CancellationToken cancellationToken) => throw Unsupported();
    public Task<MoveOutcome> MoveAsync(string folder, IReadOnlyCollection<uint> uids, string destination, CancellationToken cancellationToken) => throw Unsupported();
    public Task<MoveOutcome> MoveToSpecialAsync(string folder, IReadOnlyCollection<uint> uids, SpecialFolder destination, CancellationToken cancellationToken) => throw Unsupported();
    public Task<int?> DeletePermanentlyAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken) => throw Unsupported();
    public Task<int?> EmptyFolderAsync(string folder, uint upToUid, CancellationToken cancellationToken) => throw Unsupported();
    public Task<IReadOnlyList<MessageSummary>> GetSummariesAsync(string folder, IReadOnlyCollection<uint> uids, CancellationToken cancellationToken) => throw Unsupported();
    public Task<FolderChange> CreateFolderAsync(string? parent, string name, CancellationToken cancellationToken) => throw Unsupported();
    public Task<FolderChange> RenameFolderAsync(string folder, string newName, CancellationToken cancellationToken) => throw Unsupported();
    public Task<FolderChange> DeleteFolderAsync(string folder, CancellationToken cancellationToken) => throw Unsupported();
    public Task<SortedListPage?> GetMessagesAsync(string folder, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken) => throw Unsupported();
    public Task<FilteredListPage?> GetFilteredMessagesAsync(string folder, MessageFilter filter, int page, int pageSize, MessageSort sort, CancellationToken cancellationToken) => throw Unsupported();
    public Task<int?> MarkFolderReadAsync(string folder, uint upToUid, CancellationToken cancellationToken) => throw Unsupported();
    public Task<SearchResultPage?> SearchAsync(MessageSearch search, int page, int pageSize, CancellationToken cancellationToken) => throw Unsupported();
    public Task<AppendedMessage> SaveDraftAsync(MimeMessage message, uint? replacing, CancellationToken cancellationToken) => throw Unsupported();
    public Task<MimeMessage?> PeekDraftAsync(uint uid, CancellationToken cancellationToken) => throw Unsupported();
    public Task<bool> DeleteDraftAsync(uint uid, CancellationToken cancellationToken) => throw Unsupported();
    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => throw Unsupported();
    public Task<AppendedMessage> AppendAsync(SpecialFolder folder, MimeMessage message, AppendFlags flags, CancellationToken cancellationToken) => throw Unsupported();
    public Task<string?> FindSentCopyAsync(string messageId, CancellationToken cancellationToken) => throw Unsupported();

    private static NotSupportedException Unsupported() => new("This test mailbox has an identity only.");
}

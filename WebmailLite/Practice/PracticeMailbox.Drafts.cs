using MimeKit;
using WebmailLite.Mail;

namespace WebmailLite.Practice;

/// <summary>Drafts in the practice store, with the same rules as on the IMAP server.</summary>
public sealed partial class PracticeMailbox
{
    public async Task<AppendedMessage> SaveDraftAsync(MimeMessage message, uint? replacing, CancellationToken cancellationToken)
    {
        var saved = await AppendAsync(SpecialFolder.Drafts, message, AppendFlags.Draft | AppendFlags.Seen, cancellationToken);
        if (saved.Uid is { } uid)
        {
            store.MarkDraft(Identifier, saved.Folder, uid);
        }
        if (replacing is { } old && old != saved.Uid)
        {
            store.DeleteMessage(Identifier, saved.Folder, old);
        }
        return saved;
    }

    public Task<MimeMessage?> PeekDraftAsync(uint uid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DraftsFolder() is { } drafts ? Load(drafts, uid) : null);
    }

    public Task<bool> DeleteDraftAsync(uint uid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DraftsFolder() is { } drafts && store.DeleteMessage(Identifier, drafts, uid));
    }

    private string? DraftsFolder() => store.FindSpecialFolderName(Identifier, SpecialFolder.Drafts);
}

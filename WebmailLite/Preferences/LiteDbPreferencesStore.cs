using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Preferences;

/// <summary>
/// Preferences in the app's LiteDB, one document per person keyed by <see cref="Owner.Of"/> (the app's one
/// normalisation of an identifier), so « C.Martin » finds what « c.martin » saved. LiteDB's API is synchronous: the
/// tasks are completed ones, and no transaction spans an await.
/// </summary>
public sealed class LiteDbPreferencesStore(AppDatabase database) : IPreferencesStore
{
    private readonly ILiteCollection<PreferencesDocument> _documents = database.Collection<PreferencesDocument>("preferences");

    public Task<UserPreferences> GetAsync(string identifier, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var document = _documents.FindById(Owner.Of(identifier));
        return Task.FromResult(document?.ToPreferences() ?? UserPreferences.Default);
    }

    public Task SaveAsync(string identifier, UserPreferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        cancellationToken.ThrowIfCancellationRequested();
        _documents.Upsert(PreferencesDocument.From(Owner.Of(identifier), preferences));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The stored shape, apart from the record: the record's init-only members and its defaults stay free to change
    /// without LiteDB's mapper deciding what an absent field means.
    /// </summary>
    private sealed class PreferencesDocument
    {
        [BsonId]
        public string Id { get; set; } = "";
        public int? PageSize { get; set; }
        public string? Language { get; set; }
        public bool HtmlAsText { get; set; }
        public bool CollectContacts { get; set; } = true;
        public string Signature { get; set; } = "";
        public SignaturePlacement SignaturePlacement { get; set; }

        public static PreferencesDocument From(string owner, UserPreferences preferences) => new()
        {
            Id = owner,
            PageSize = preferences.PageSize,
            Language = preferences.Language,
            HtmlAsText = preferences.HtmlAsText,
            CollectContacts = preferences.CollectContacts,
            Signature = preferences.Signature,
            SignaturePlacement = preferences.SignaturePlacement,
        };

        public UserPreferences ToPreferences() => new()
        {
            PageSize = PageSize,
            Language = Language,
            HtmlAsText = HtmlAsText,
            CollectContacts = CollectContacts,
            Signature = Signature ?? "",
            SignaturePlacement = SignaturePlacement,
        };
    }
}

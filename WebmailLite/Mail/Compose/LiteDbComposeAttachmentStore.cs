using System.Security.Cryptography;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// Files added to a compose form, kept on the server between posts of that form: a browser cannot fill a file input
/// again, so when the form comes back with an error the files already received are listed from here (each with a
/// « retirer » box) instead of being lost. Keyed by the form's random id and bound to the identifier: contents are
/// encrypted with Data Protection under a purpose that includes the identifier, so another person holding the form
/// id can neither list nor read them. Forwarded attachments are copied here too. Kept <see cref="ComposeOptions.AttachmentRetention"/>.
/// Form and attachment ids are compared exactly (case-sensitive) on every provider.
/// </summary>
public interface IComposeAttachmentStore
{
    /// <summary>128 random bits, URL-safe: unguessable, so a form id says nothing and finds nothing by itself.</summary>
    static string NewFormId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static bool IsFormId(string? value) =>
        value is { Length: 22 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    StashedAttachment Add(string formId, string identifier, string fileName, string contentType, byte[] content);

    /// <summary>This person's files of that form, in the order they were added.</summary>
    IReadOnlyList<StashedAttachment> List(string formId, string identifier);

    /// <summary>The content of one attachment of this person's form, or <c>null</c>.</summary>
    byte[]? Read(string formId, string identifier, string attachmentId);

    void Remove(string formId, string identifier, IEnumerable<string> attachmentIds);

    /// <summary>Forgets every file of a form: it was sent, or handed to the outbox with its files inside.</summary>
    void DeleteForm(string formId, string identifier);

    /// <summary>Deletes files of forms abandoned longer than <paramref name="olderThan"/>.</summary>
    int Prune(TimeSpan olderThan);
}

/// <summary>The compose files in LiteDB (one instance): a small document per file, its content in LiteDB file storage.</summary>
public sealed class LiteDbComposeAttachmentStore : IComposeAttachmentStore
{
    internal const string Purpose = "WebmailLite.Compose.Attachments.v1";

    private readonly ILiteCollection<StoredAttachment> _attachments;
    private readonly ILiteStorage<string> _files;
    private readonly IDataProtectionProvider _protection;
    private readonly TimeProvider _time;

    public LiteDbComposeAttachmentStore(AppDatabase database, IDataProtectionProvider protection, TimeProvider time)
    {
        _attachments = database.Collection<StoredAttachment>("compose_attachments");
        _attachments.EnsureIndex(a => a.FormId);
        _attachments.EnsureIndex(a => a.CreatedAt);
        _files = database.Database.GetStorage<string>("compose_files", "compose_chunks");
        _protection = protection;
        _time = time;
    }

    public StashedAttachment Add(string formId, string identifier, string fileName, string contentType, byte[] content)
    {
        var owner = Owner.Of(identifier);
        var stored = new StoredAttachment
        {
            Id = ObjectId.NewObjectId().ToString(),
            FormId = formId,
            Owner = owner,
            FileName = fileName,
            ContentType = contentType,
            Size = content.LongLength,
            CreatedAt = _time.GetUtcNow().UtcDateTime,
        };
        // The file first: a listed attachment always has its content.
        using (var stream = new MemoryStream(Protector(owner).Protect(content), writable: false))
        {
            _files.Upload(stored.Id, stored.Id, stream);
        }
        _attachments.Insert(stored);
        return ToStashed(stored);
    }

    public IReadOnlyList<StashedAttachment> List(string formId, string identifier)
    {
        var owner = Owner.Of(identifier);
        return _attachments.Find(a => a.FormId == formId)
            .Where(a => a.Owner == owner && a.FormId == formId)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(ToStashed)
            .ToList();
    }

    /// <summary>The content of one attachment of this person's form, or <c>null</c>.</summary>
    public byte[]? Read(string formId, string identifier, string attachmentId)
    {
        var owner = Owner.Of(identifier);
        var stored = _attachments.FindById(attachmentId);
        // LiteDB's collation ignores case; an attachment id does not.
        if (stored is null || stored.Id != attachmentId || stored.Owner != owner || stored.FormId != formId)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var file = _files.FindById(attachmentId);
        if (file is null)
        {
            return null;
        }
        file.CopyTo(buffer);
        try
        {
            return Protector(owner).Unprotect(buffer.ToArray());
        }
        catch (CryptographicException)
        {
            // Keys lost or rotated beyond retention: the file is gone for practical purposes.
            return null;
        }
    }

    public void Remove(string formId, string identifier, IEnumerable<string> attachmentIds)
    {
        var owner = Owner.Of(identifier);
        foreach (var id in attachmentIds.Distinct())
        {
            var stored = _attachments.FindById(id);
            if (stored is not null && stored.Id == id && stored.Owner == owner && stored.FormId == formId)
            {
                Delete(stored.Id);
            }
        }
    }

    /// <summary>Forgets every file of a form: it was sent, or handed to the outbox with its files inside.</summary>
    public void DeleteForm(string formId, string identifier)
    {
        var owner = Owner.Of(identifier);
        foreach (var stored in _attachments.Find(a => a.FormId == formId).Where(a => a.Owner == owner && a.FormId == formId).ToList())
        {
            Delete(stored.Id);
        }
    }

    /// <summary>Deletes files of forms abandoned longer than <paramref name="olderThan"/>.</summary>
    public int Prune(TimeSpan olderThan)
    {
        var limit = _time.GetUtcNow().UtcDateTime - olderThan;
        var old = _attachments.Find(a => a.CreatedAt < limit).Select(a => a.Id).ToList();
        foreach (var id in old)
        {
            Delete(id);
        }
        return old.Count;
    }

    private void Delete(string id)
    {
        _attachments.Delete(id);
        _files.Delete(id);
    }

    private IDataProtector Protector(string owner) => _protection.CreateProtector(Purpose, owner);

    internal static StashedAttachment ToStashed(StoredAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size);

    public sealed class StoredAttachment
    {
        public string Id { get; set; } = "";
        public string FormId { get; set; } = "";
        public string Owner { get; set; } = "";
        public string FileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long Size { get; set; }
        public DateTime CreatedAt { get; set; }
    }
}

/// <summary>An attachment kept for a compose form: what the form lists.</summary>
public sealed record StashedAttachment(string Id, string FileName, string ContentType, long Size);

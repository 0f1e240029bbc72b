using System.Security.Cryptography;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// Compose forms posted after their session ended, kept until their owner signs in again (at most
/// <see cref="ComposeRescueOptions.Retention"/>). Each form (fields and files together) is one blob encrypted with Data
/// Protection under the purpose <c>WebmailLite.RescuedCompose.v1</c> narrowed to the owner: beside it are only the
/// owner, the times and the size, and a blob moved under another owner cannot be decrypted. The keys are kept with the
/// store's provider (beside the LiteDB file, or in PostgreSQL), so a kept form survives a restart of the app.
/// </summary>
public interface IRescuedComposeStore
{
    /// <summary>Keeps a form for <paramref name="identifier"/>; returns its id.</summary>
    string Keep(string identifier, RescuedForm form);

    /// <summary>How many forms wait for this person.</summary>
    int CountFor(string identifier);

    /// <summary>This person's most recent kept form, not yet removed; <c>null</c> when none (or none readable; an unreadable one is deleted).</summary>
    (string Id, RescuedForm Form)? Newest(string identifier);

    /// <summary>Removes a kept form of this person (shown, or superseded).</summary>
    bool Remove(string id, string identifier);

    /// <summary>Removes the forms past their retention (and what an interrupted write left); returns how many forms.</summary>
    int Prune();
}

/// <summary>The kept compose forms in LiteDB (one instance): a document per form, its blob in LiteDB file storage.</summary>
public sealed class LiteDbRescuedComposeStore : IRescuedComposeStore
{
    public const string Purpose = "WebmailLite.RescuedCompose.v1";

    private readonly ILiteCollection<RescuedRecord> _records;
    private readonly ILiteStorage<string> _blobs;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly ComposeRescueOptions _options;

    public LiteDbRescuedComposeStore(AppDatabase database, IDataProtectionProvider protection, IOptions<ComposeRescueOptions> options, TimeProvider time)
    {
        _records = database.Collection<RescuedRecord>("rescued_compose");
        _records.EnsureIndex(r => r.Owner);
        _records.EnsureIndex(r => r.ExpiresAt);
        _blobs = database.Database.GetStorage<string>("rescued_files", "rescued_chunks");
        _protector = protection.CreateProtector(Purpose);
        _options = options.Value;
        _time = time;
    }

    /// <summary>Keeps a form for <paramref name="identifier"/>; returns its id.</summary>
    public string Keep(string identifier, RescuedForm form)
    {
        var owner = Owner.Of(identifier);
        var now = Now;
        var record = new RescuedRecord
        {
            Id = ObjectId.NewObjectId().ToString(),
            Owner = owner,
            CreatedAt = now,
            ExpiresAt = now + _options.Retention,
        };
        var sealedForm = _protector.CreateProtector(owner).Protect(form.Serialize());
        record.Size = sealedForm.LongLength;
        // The blob first: a record that exists always has its content.
        using (var stream = new MemoryStream(sealedForm, writable: false))
        {
            _blobs.Upload(record.Id, record.Id, stream);
        }
        _records.Insert(record);
        return record.Id;
    }

    /// <summary>How many forms wait for this person.</summary>
    public int CountFor(string identifier)
    {
        var owner = Owner.Of(identifier);
        var now = Now;
        return _records.Find(r => r.Owner == owner).Count(r => r.Owner == owner && r.ExpiresAt > now);
    }

    /// <summary>This person's most recent kept form, not yet removed; <c>null</c> when none (or none readable).</summary>
    public (string Id, RescuedForm Form)? Newest(string identifier)
    {
        var owner = Owner.Of(identifier);
        var now = Now;
        var candidates = _records.Find(r => r.Owner == owner)
            .Where(r => r.Owner == owner && r.ExpiresAt > now)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .ToList();
        foreach (var record in candidates)
        {
            if (Read(record) is { } form)
            {
                return (record.Id, form);
            }
            // Unreadable (keys lost): useless to anyone, gone.
            Delete(record.Id);
        }
        return null;
    }

    /// <summary>Removes a kept form of this person (shown, or superseded).</summary>
    public bool Remove(string id, string identifier)
    {
        var record = _records.FindById(id);
        // LiteDB's collation ignores case; an id does not.
        if (record is null || record.Id != id || record.Owner != Owner.Of(identifier))
        {
            return false;
        }
        Delete(id);
        return true;
    }

    /// <summary>Removes the forms past their retention, and blobs left without a record by an interrupted write.</summary>
    public int Prune()
    {
        var now = Now;
        var old = _records.Find(r => r.ExpiresAt <= now).Select(r => r.Id).ToList();
        foreach (var id in old)
        {
            Delete(id);
        }
        // Only blobs older than any write in progress (LiteDB dates uploads by the machine's own clock).
        var settled = DateTime.Now.AddMinutes(-10);
        var orphans = _blobs.FindAll().Where(f => f.UploadDate < settled).Select(f => f.Id).Where(id => _records.FindById(id) is null).ToList();
        foreach (var id in orphans)
        {
            _blobs.Delete(id);
        }
        return old.Count;
    }

    private RescuedForm? Read(RescuedRecord record)
    {
        var file = _blobs.FindById(record.Id);
        if (file is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        try
        {
            return RescuedForm.Deserialize(_protector.CreateProtector(record.Owner).Unprotect(buffer.ToArray()));
        }
        catch (Exception e) when (e is CryptographicException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    private void Delete(string id)
    {
        _records.Delete(id);
        _blobs.Delete(id);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public sealed class RescuedRecord
    {
        public string Id { get; set; } = "";
        public string Owner { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime ExpiresAt { get; set; }
        public long Size { get; set; }
    }
}

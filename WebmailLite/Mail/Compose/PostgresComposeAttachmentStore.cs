using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// The compose files in PostgreSQL: a form posted again to another instance still lists its files. Each file is one
/// row, its content encrypted as the LiteDB store does (same purpose, narrowed to the owner), never decrypted in SQL.
/// </summary>
public sealed class PostgresComposeAttachmentStore(PostgresDatabase database, IDataProtectionProvider protection, TimeProvider time) : IComposeAttachmentStore
{
    public StashedAttachment Add(string formId, string identifier, string fileName, string contentType, byte[] content)
    {
        var owner = Owner.Of(identifier);
        var stashed = new StashedAttachment(Guid.CreateVersion7().ToString("N"), fileName, contentType, content.LongLength);
        database.Execute(
            """
            INSERT INTO compose_attachments (id, form_id, owner, file_name, content_type, size, created_at, content)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            stashed.Id, formId, owner, fileName, contentType, stashed.Size, time.GetUtcNow().UtcDateTime, Protector(owner).Protect(content));
        return stashed;
    }

    public IReadOnlyList<StashedAttachment> List(string formId, string identifier)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT id, file_name, content_type, size FROM compose_attachments WHERE form_id = $1 AND owner = $2 ORDER BY created_at, seq",
            formId, Owner.Of(identifier));
        using var reader = command.ExecuteReader();
        var list = new List<StashedAttachment>();
        while (reader.Read())
        {
            list.Add(new StashedAttachment(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return list;
    }

    public byte[]? Read(string formId, string identifier, string attachmentId)
    {
        var owner = Owner.Of(identifier);
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT content FROM compose_attachments WHERE id = $1 AND form_id = $2 AND owner = $3", attachmentId, formId, owner);
        if (command.ExecuteScalar() is not byte[] sealedContent)
        {
            return null;
        }
        try
        {
            return Protector(owner).Unprotect(sealedContent);
        }
        catch (CryptographicException)
        {
            // Keys lost or rotated beyond retention: the file is gone for practical purposes.
            return null;
        }
    }

    public void Remove(string formId, string identifier, IEnumerable<string> attachmentIds) => database.Execute(
        "DELETE FROM compose_attachments WHERE id = ANY($1) AND form_id = $2 AND owner = $3",
        attachmentIds.Distinct().ToArray(), formId, Owner.Of(identifier));

    public void DeleteForm(string formId, string identifier) =>
        database.Execute("DELETE FROM compose_attachments WHERE form_id = $1 AND owner = $2", formId, Owner.Of(identifier));

    public int Prune(TimeSpan olderThan) =>
        database.Execute("DELETE FROM compose_attachments WHERE created_at < $1", time.GetUtcNow().UtcDateTime - olderThan);

    private IDataProtector Protector(string owner) => protection.CreateProtector(LiteDbComposeAttachmentStore.Purpose, owner);
}

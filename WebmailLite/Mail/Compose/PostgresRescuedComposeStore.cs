using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// The kept compose forms in PostgreSQL: a form kept by one instance is offered when its owner signs in on another.
/// Each form is one row, its blob sealed as the LiteDB store does (same purpose, narrowed to the owner); the record and
/// its content are one write, so no blob is ever left without its record.
/// </summary>
public sealed class PostgresRescuedComposeStore(PostgresDatabase database, IDataProtectionProvider protection, IOptions<ComposeRescueOptions> options, TimeProvider time)
    : IRescuedComposeStore
{
    private readonly IDataProtector _protector = protection.CreateProtector(LiteDbRescuedComposeStore.Purpose);

    public string Keep(string identifier, RescuedForm form)
    {
        var owner = Owner.Of(identifier);
        var now = Now;
        var id = Guid.CreateVersion7().ToString("N");
        var sealedForm = _protector.CreateProtector(owner).Protect(form.Serialize());
        database.Execute(
            "INSERT INTO rescued_compose (id, owner, created_at, expires_at, size, content) VALUES ($1, $2, $3, $4, $5, $6)",
            id, owner, now, now + options.Value.Retention, sealedForm.LongLength, sealedForm);
        return id;
    }

    public int CountFor(string identifier)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT count(*) FROM rescued_compose WHERE owner = $1 AND expires_at > $2", Owner.Of(identifier), Now);
        return (int)(long)command.ExecuteScalar()!;
    }

    public (string Id, RescuedForm Form)? Newest(string identifier)
    {
        var owner = Owner.Of(identifier);
        // One blob at a time: each may hold a form's files.
        while (NewestSealed(owner) is (string id, byte[] content))
        {
            try
            {
                return (id, RescuedForm.Deserialize(_protector.CreateProtector(owner).Unprotect(content)));
            }
            catch (Exception e) when (e is CryptographicException or InvalidDataException or EndOfStreamException)
            {
                // Unreadable (keys lost, or not this owner's): useless to anyone, gone.
                database.Execute("DELETE FROM rescued_compose WHERE id = $1", id);
            }
        }
        return null;
    }

    public bool Remove(string id, string identifier) =>
        database.Execute("DELETE FROM rescued_compose WHERE id = $1 AND owner = $2", id, Owner.Of(identifier)) == 1;

    public int Prune() => database.Execute("DELETE FROM rescued_compose WHERE expires_at <= $1", Now);

    private (string Id, byte[] Content)? NewestSealed(string owner)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT id, content FROM rescued_compose WHERE owner = $1 AND expires_at > $2 ORDER BY created_at DESC, seq DESC LIMIT 1", owner, Now);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

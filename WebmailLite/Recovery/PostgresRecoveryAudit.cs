using WebmailLite.Mail;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery;

/// <summary>The audit trail in PostgreSQL: one trail whichever instance served each step.</summary>
public sealed class PostgresRecoveryAudit(PostgresDatabase database, TimeProvider time) : IRecoveryAudit
{
    public void Record(string identifier, AuditEvent what, RecoveryMethod? method, AuditOutcome outcome, string? actor = null, string? detail = null)
    {
        var entry = AuditEntry.New(identifier, time.GetUtcNow().UtcDateTime, what, method, outcome, actor, detail);
        database.Execute(
            "INSERT INTO recovery_audit (owner, at, event, method, outcome, actor, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            entry.Owner, entry.At, entry.Event.ToString(), entry.Method?.ToString(), entry.Outcome.ToString(), entry.Actor, entry.Detail);
    }

    public IReadOnlyList<AuditEntry> For(string identifier, int limit = 100)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT owner, at, event, method, outcome, actor, detail FROM recovery_audit WHERE owner = $1 ORDER BY at DESC, id DESC LIMIT $2",
            Owner.Of(identifier), limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry
            {
                Owner = reader.GetString(0),
                At = reader.GetFieldValue<DateTime>(1),
                Event = Enum.Parse<AuditEvent>(reader.GetString(2)),
                Method = reader.IsDBNull(3) ? null : Enum.Parse<RecoveryMethod>(reader.GetString(3)),
                Outcome = Enum.Parse<AuditOutcome>(reader.GetString(4)),
                Actor = reader.IsDBNull(5) ? null : reader.GetString(5),
                Detail = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }
        return entries;
    }
}

using WebmailLite.Mail;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>The postponements in PostgreSQL: « Plus tard » holds whichever instance serves the next page.</summary>
public sealed class PostgresEnrolmentReminderStore(PostgresDatabase database) : IEnrolmentReminderStore
{
    public DateTime? PostponedUntil(string identifier)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection, "SELECT postponed_until FROM recovery_reminders WHERE owner = $1", Owner.Of(identifier));
        return command.ExecuteScalar() is DateTime until ? until : null;
    }

    public void Postpone(string identifier, DateTime until) => database.Execute(
        """
        INSERT INTO recovery_reminders (owner, postponed_until) VALUES ($1, $2)
        ON CONFLICT (owner) DO UPDATE SET postponed_until = excluded.postponed_until
        """,
        // Callers pass UTC; an unspecified kind is taken as UTC, as LiteDB's mapper does.
        Owner.Of(identifier), until.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(until, DateTimeKind.Utc) : until.ToUniversalTime());
}

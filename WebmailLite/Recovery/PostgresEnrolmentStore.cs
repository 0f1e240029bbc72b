using System.Text.Json;
using WebmailLite.Mail;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery;

/// <summary>
/// The enrolments in PostgreSQL. Each change sets its own column in one upsert, so an address confirmed on one
/// instance and questions saved on another at the same moment both stay.
/// </summary>
public sealed class PostgresEnrolmentStore(PostgresDatabase database, TimeProvider time) : IEnrolmentStore
{
    public RecoveryEnrolment? Find(string identifier)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT owner, backup_address, questions::text, updated_at FROM recovery_enrolments WHERE owner = $1", Owner.Of(identifier));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return new RecoveryEnrolment
        {
            Id = reader.GetString(0),
            BackupAddress = reader.IsDBNull(1) ? null : reader.GetString(1),
            Questions = [.. JsonSerializer.Deserialize<List<StoredQuestion>>(reader.GetString(2))!.Select(q => new EnrolledQuestion
            {
                Text = q.Text,
                Salt = q.Salt,
                Iterations = q.Iterations,
                Hash = q.Hash,
            })],
            UpdatedAt = reader.GetFieldValue<DateTime>(3),
        };
    }

    public void SetBackupAddress(string identifier, string? address) => database.Execute(
        """
        INSERT INTO recovery_enrolments (owner, backup_address, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (owner) DO UPDATE SET backup_address = excluded.backup_address, updated_at = excluded.updated_at
        """,
        Owner.Of(identifier), address, time.GetUtcNow());

    public void SetQuestions(string identifier, IReadOnlyList<EnrolledQuestion> questions) => SetQuestionsJson(identifier,
        JsonSerializer.Serialize(questions.Select(q => new StoredQuestion(q.Text, q.Salt, q.Iterations, q.Hash))));

    public void RemoveQuestions(string identifier) => SetQuestionsJson(identifier, "[]");

    private void SetQuestionsJson(string identifier, string json) => database.Execute(
        """
        INSERT INTO recovery_enrolments (owner, questions, updated_at) VALUES ($1, $2::jsonb, $3)
        ON CONFLICT (owner) DO UPDATE SET questions = excluded.questions, updated_at = excluded.updated_at
        """,
        Owner.Of(identifier), json, time.GetUtcNow());

    /// <summary>A question as stored in the <c>questions</c> column: salt and hash in base64, the answer never.</summary>
    private sealed record StoredQuestion(string Text, byte[] Salt, int Iterations, byte[] Hash);
}

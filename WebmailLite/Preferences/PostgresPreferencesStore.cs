using WebmailLite.Mail;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Preferences;

/// <summary>
/// Preferences in PostgreSQL, one row per person keyed by <see cref="Owner.Of"/>: a choice saved through one instance is
/// what every other instance shows. A save replaces the row whole, in one statement.
/// </summary>
public sealed class PostgresPreferencesStore(PostgresDatabase database) : IPreferencesStore
{
    public async Task<UserPreferences> GetAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDatabase.Command(connection,
            "SELECT page_size, language, html_as_text, collect_contacts, signature, signature_placement FROM preferences WHERE owner = $1",
            Owner.Of(identifier));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return UserPreferences.Default;
        }
        return new UserPreferences
        {
            PageSize = reader.IsDBNull(0) ? null : reader.GetInt32(0),
            Language = reader.IsDBNull(1) ? null : reader.GetString(1),
            HtmlAsText = reader.GetBoolean(2),
            CollectContacts = reader.GetBoolean(3),
            Signature = reader.GetString(4),
            // Stored by name, as LiteDB does: readable by an operator, and a renumbered enum cannot change a choice.
            SignaturePlacement = Enum.TryParse<SignaturePlacement>(reader.GetString(5), out var placement) ? placement : UserPreferences.Default.SignaturePlacement,
        };
    }

    public async Task SaveAsync(string identifier, UserPreferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDatabase.Command(connection,
            """
            INSERT INTO preferences (owner, page_size, language, html_as_text, collect_contacts, signature, signature_placement)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (owner) DO UPDATE SET page_size = excluded.page_size, language = excluded.language,
                html_as_text = excluded.html_as_text, collect_contacts = excluded.collect_contacts,
                signature = excluded.signature, signature_placement = excluded.signature_placement
            """,
            Owner.Of(identifier), preferences.PageSize, preferences.Language, preferences.HtmlAsText, preferences.CollectContacts,
            preferences.Signature, preferences.SignaturePlacement.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

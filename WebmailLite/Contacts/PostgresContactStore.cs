using Npgsql;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Contacts;

/// <summary>
/// Contacts in PostgreSQL, shared by every instance. The rule « one address, one contact of a person » is the primary
/// key of <c>contact_addresses</c> (owner, address lower-cased), so two instances adding or collecting the same address
/// at once leave one contact, not two: a change inserts its addresses with <c>ON CONFLICT DO NOTHING</c> inside its
/// transaction and gives up (rolls back) when one of them already belongs to another contact. Search matches the folded
/// key with LIKE, what the person typed escaped: « _ » and « % » are letters, not wildcards.
/// </summary>
public sealed class PostgresContactStore(PostgresDatabase database, TimeProvider time) : IContactStore
{
    private const string Columns = "id, name, addresses, note, collected";

    public async Task<ContactPage> SearchAsync(string identifier, string? query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var owner = Mail.Owner.Of(identifier);
        var pattern = Contains(SearchKey.Fold(query?.Trim()));
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var count = PostgresDatabase.Command(connection, @"SELECT count(*) FROM contacts WHERE owner = $1 AND search LIKE $2 ESCAPE '\'", owner, pattern);
        var total = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var select = PostgresDatabase.Command(connection,
            $@"SELECT {Columns} FROM contacts WHERE owner = $1 AND search LIKE $2 ESCAPE '\'
               ORDER BY sort_key COLLATE ""C"", id COLLATE ""C"" LIMIT $3 OFFSET $4",
            owner, pattern, pageSize, (long)(Math.Max(page, 1) - 1) * pageSize);
        return new ContactPage(await ReadAsync(select, cancellationToken), total);
    }

    public async Task<IReadOnlyList<Contact>> SuggestAsync(string identifier, string typed, int max, CancellationToken cancellationToken)
    {
        var folded = SearchKey.Fold(typed.Trim());
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        // LIKE narrows to the contacts holding the text; « starts a word » is then SearchKey's own test, so that both
        // providers agree on what a word boundary is (PostgreSQL's regex classes depend on the database's locale).
        await using var command = PostgresDatabase.Command(connection,
            $@"SELECT {Columns}, search FROM contacts WHERE owner = $1 AND search LIKE $2 ESCAPE '\'
               ORDER BY uses DESC, last_used DESC NULLS LAST, sort_key COLLATE ""C"", id COLLATE ""C""",
            Mail.Owner.Of(identifier), Contains(folded));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Contact>();
        while (found.Count < max && await reader.ReadAsync(cancellationToken))
        {
            if (folded.Length == 0 || SearchKey.StartsAWord(reader.GetString(5), folded))
            {
                found.Add(Read(reader));
            }
        }
        return found;
    }

    public async Task<Contact?> GetAsync(string identifier, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDatabase.Command(connection, $"SELECT {Columns} FROM contacts WHERE id = $1 AND owner = $2", id, Mail.Owner.Of(identifier));
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Contact>> AllAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDatabase.Command(connection,
            $@"SELECT {Columns} FROM contacts WHERE owner = $1 ORDER BY sort_key COLLATE ""C"", id COLLATE ""C""", Mail.Owner.Of(identifier));
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Contact?> AddAsync(string identifier, ContactDraft draft, CancellationToken cancellationToken)
    {
        var row = new ContactDocument { Id = NewId(), Owner = Mail.Owner.Of(identifier) };
        row.Apply(draft);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, row, cancellationToken);
        if (!await ClaimAddressesAsync(connection, row, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        await transaction.CommitAsync(cancellationToken);
        return row.ToContact();
    }

    public async Task<bool> UpdateAsync(string identifier, string id, ContactDraft draft, CancellationToken cancellationToken)
    {
        var row = new ContactDocument { Id = id, Owner = Mail.Owner.Of(identifier) };
        row.Apply(draft);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Edited by the person: now theirs, no longer « collected ». The row stays locked until commit, so a delete
        // or another edit of the same contact waits for this one.
        await using (var update = PostgresDatabase.Command(connection,
            """
            UPDATE contacts SET name = $3, addresses = $4, note = $5, sort_key = $6, search = $7, collected = false
            WHERE id = $1 AND owner = $2
            """,
            row.Id, row.Owner, row.Name, row.Addresses.ToArray(), row.Note, row.SortKey, row.Search))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }
        await using (var release = PostgresDatabase.Command(connection, "DELETE FROM contact_addresses WHERE contact_id = $1", row.Id))
        {
            await release.ExecuteNonQueryAsync(cancellationToken);
        }
        if (!await ClaimAddressesAsync(connection, row, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(string identifier, string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        // Its addresses go with it (ON DELETE CASCADE).
        await using var command = PostgresDatabase.Command(connection, "DELETE FROM contacts WHERE id = $1 AND owner = $2", id, Mail.Owner.Of(identifier));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<Contact?> FindByAddressAsync(string identifier, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = PostgresDatabase.Command(connection,
            """
            SELECT c.id, c.name, c.addresses, c.note, c.collected FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id
            WHERE a.owner = $1 AND a.address = $2
            """,
            Mail.Owner.Of(identifier), AddressKey(address));
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task CollectAsync(string identifier, IReadOnlyList<SentRecipient> recipients, CancellationToken cancellationToken)
    {
        var owner = Mail.Owner.Of(identifier);
        var now = time.GetUtcNow();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        foreach (var recipient in recipients.DistinctBy(r => AddressKey(r.Address)))
        {
            if (await CountUseAsync(connection, owner, recipient.Address, now, cancellationToken))
            {
                continue;
            }
            var row = new ContactDocument { Id = NewId(), Owner = owner, Collected = true, Uses = 1, LastUsed = now.UtcDateTime };
            row.Apply(new ContactDraft(recipient.Name, [recipient.Address], ""));
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await InsertAsync(connection, row, cancellationToken);
            if (await ClaimAddressesAsync(connection, row, cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
                continue;
            }
            // Another instance collected (or the person added) this address a moment ago: one more use of that one.
            await transaction.RollbackAsync(cancellationToken);
            await CountUseAsync(connection, owner, recipient.Address, now, cancellationToken);
        }
    }

    /// <summary>One more message to the contact holding <paramref name="address"/>; <c>false</c> when none does.</summary>
    private static async Task<bool> CountUseAsync(NpgsqlConnection connection, string owner, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = PostgresDatabase.Command(connection,
            """
            UPDATE contacts c SET uses = c.uses + 1, last_used = $3 FROM contact_addresses a
            WHERE a.owner = $1 AND a.address = $2 AND c.id = a.contact_id
            """,
            owner, AddressKey(address), now);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task InsertAsync(NpgsqlConnection connection, ContactDocument row, CancellationToken cancellationToken)
    {
        await using var command = PostgresDatabase.Command(connection,
            """
            INSERT INTO contacts (id, owner, name, addresses, note, collected, uses, last_used, sort_key, search)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            row.Id, row.Owner, row.Name, row.Addresses.ToArray(), row.Note, row.Collected, row.Uses,
            // Never written to: NULL, last in suggestions (LiteDB keeps DateTime.MinValue).
            row.LastUsed == DateTime.MinValue ? null : new DateTimeOffset(row.LastUsed, TimeSpan.Zero), row.SortKey, row.Search);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records the row's addresses as its own; <c>false</c> when one already belongs to another contact of the owner
    /// (the caller rolls back). A concurrent transaction claiming the same address makes this one wait for its outcome.
    /// </summary>
    private static async Task<bool> ClaimAddressesAsync(NpgsqlConnection connection, ContactDocument row, CancellationToken cancellationToken)
    {
        // In one order everywhere: two changes claiming the same addresses wait for each other rather than deadlock.
        var keys = row.Addresses.Select(AddressKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using var command = PostgresDatabase.Command(connection,
            "INSERT INTO contact_addresses (owner, address, contact_id) SELECT $1, a, $3 FROM unnest($2::text[]) AS a ON CONFLICT DO NOTHING",
            row.Owner, keys, row.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == keys.Length;
    }

    private static async Task<IReadOnlyList<Contact>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var contacts = new List<Contact>();
        while (await reader.ReadAsync(cancellationToken))
        {
            contacts.Add(Read(reader));
        }
        return contacts;
    }

    private static Contact Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetBoolean(4));

    /// <summary>A LIKE pattern for « contains <paramref name="folded"/> », its « \ », « % » and « _ » taken literally.</summary>
    private static string Contains(string folded) =>
        "%" + folded.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>Addresses compare without case, as <see cref="LiteDbContactStore"/> compares them.</summary>
    private static string AddressKey(string address) => address.ToLowerInvariant();

    private static string NewId() => Guid.NewGuid().ToString("N");
}

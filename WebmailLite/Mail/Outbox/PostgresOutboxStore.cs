using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using Npgsql;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Mail.Outbox;

/// <summary>
/// The outbox in PostgreSQL, shared by every instance: the workers of all of them lease from the same rows. A process
/// lock would guard one instance only, so each transition is a single conditional <c>UPDATE … WHERE … RETURNING</c>
/// (the row's lock makes a second writer wait, then re-check the condition on the row the first one left), and the
/// owner's actions that must see the state before changing it hold the row with <c>SELECT … FOR UPDATE</c>. The
/// source lives in the message's row, so the two are written and removed together: no orphan source can exist.
/// </summary>
public sealed class PostgresOutboxStore(PostgresDatabase database, IDataProtectionProvider protection, TimeProvider time) : IOutboxStore
{
    private const string Columns =
        "id, owner, message_id, form_id, subject, recipients, size, created_at, state, attempts, next_attempt_at, lease_owner, lease_until, problem, server_text";

    /// <summary>
    /// The rule of <c>IsTakeable</c> in <see cref="LiteDbOutboxStore"/>, on parameter <c>$now</c>: waiting and due; being sent or
    /// accepted, due, and its lease run out.
    /// </summary>
    private static string Takeable(string now) =>
        $"next_attempt_at <= {now} AND (state = 'Waiting' OR (state IN ('Sending', 'Accepted') AND (lease_until IS NULL OR lease_until <= {now})))";

    public OutboxItem Add(string identifier, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease)
    {
        using var connection = database.Open();
        return Insert(connection, identifier, null, message, source, leaseOwner, lease);
    }

    public OutboxItem? TryAddForm(string identifier, string formId, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease)
    {
        var owner = Mail.Owner.Of(identifier);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // The claim is the form's row: the first insert wins; another instance inserting the same key waits for this
        // transaction, then finds it taken. Message and claim commit together.
        using (var claim = PostgresDatabase.Command(connection,
            "INSERT INTO outbox_forms (id, owner, form_id, message_id, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            LiteDbOutboxStore.FormKey(owner, formId), owner, formId, message.MessageId ?? "", Now))
        {
            if (claim.ExecuteNonQuery() == 0)
            {
                return null;
            }
        }
        var item = Insert(connection, identifier, formId, message, source, leaseOwner, lease);
        transaction.Commit();
        return item;
    }

    public SentFormStatus? FindForm(string identifier, string formId)
    {
        var owner = Mail.Owner.Of(identifier);
        using var connection = database.Open();
        // The item first, as the LiteDB store does: it exists from the claim until the message is done with.
        using (var item = PostgresDatabase.Command(connection, "SELECT 1 FROM outbox_items WHERE owner = $1 AND form_id = $2", owner, formId))
        {
            if (item.ExecuteScalar() is not null)
            {
                return new SentFormStatus(FormStage.InOutbox);
            }
        }
        using var command = PostgresDatabase.Command(connection, "SELECT sent_folder, withdrawn FROM outbox_forms WHERE id = $1", LiteDbOutboxStore.FormKey(owner, formId));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        return reader.GetBoolean(1) ? new SentFormStatus(FormStage.Withdrawn) : new SentFormStatus(FormStage.Sent, reader.IsDBNull(0) ? null : reader.GetString(0));
    }

    public byte[]? ReadSource(OutboxItem item)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection, "SELECT source FROM outbox_items WHERE id = $1", item.Id);
        if (command.ExecuteScalar() is not byte[] sealedSource)
        {
            return null;
        }
        try
        {
            return Protector(item.Owner).Unprotect(sealedSource);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public OutboxItem? Find(string id) => Single($"SELECT {Columns} FROM outbox_items WHERE id = $1", id);

    public IReadOnlyList<OutboxItem> ListFor(string identifier) =>
        Items($"SELECT {Columns} FROM outbox_items WHERE owner = $1 ORDER BY created_at, seq", Mail.Owner.Of(identifier));

    public int CountFor(string identifier)
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection, "SELECT count(*) FROM outbox_items WHERE owner = $1", Mail.Owner.Of(identifier));
        return (int)(long)command.ExecuteScalar()!;
    }

    public (int Count, DateTime? OldestCreatedAt) Backlog()
    {
        using var connection = database.Open();
        using var command = PostgresDatabase.Command(connection,
            "SELECT count(*), min(created_at) FROM outbox_items WHERE state IN ('Waiting', 'Sending', 'Accepted')");
        using var reader = command.ExecuteReader();
        reader.Read();
        return ((int)reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTime>(1));
    }

    public IReadOnlyList<OutboxItem> Due() =>
        Items($"SELECT {Columns} FROM outbox_items WHERE {Takeable("$1")} ORDER BY next_attempt_at, seq", Now);

    public OutboxItem? TryLease(string id, string leaseOwner, TimeSpan lease)
    {
        var now = Now;
        // One statement: of two instances leasing the same message, the second waits on the row, then finds the
        // first one's lease on it and updates nothing.
        return Single(
            $"""
            UPDATE outbox_items SET state = CASE WHEN state = 'Waiting' THEN 'Sending' ELSE state END, lease_owner = $2, lease_until = $3
            WHERE id = $1 AND {Takeable("$4")}
            RETURNING {Columns}
            """,
            id, leaseOwner, now + lease, now);
    }

    public bool MarkAccepted(string id, string leaseOwner) => Change(
        "state = 'Accepted', problem = NULL, server_text = NULL", "state = 'Sending'", id, leaseOwner);

    public bool Release(string id, string leaseOwner, SendProblem? problem, string? serverText, DateTime nextAttemptAt) => Change(
        """
        state = CASE WHEN state = 'Sending' THEN 'Waiting' ELSE state END, attempts = attempts + 1, problem = $3, server_text = $4,
        next_attempt_at = $5, lease_owner = NULL, lease_until = NULL
        """,
        "true", id, leaseOwner, problem?.ToString(), serverText, Utc(nextAttemptAt));

    public bool MarkRefused(string id, string leaseOwner, string? serverText) => Change(
        "state = 'Refused', attempts = attempts + 1, problem = 'Refused', server_text = $3, lease_owner = NULL, lease_until = NULL",
        "state = 'Sending'", id, leaseOwner, serverText);

    public bool MarkInterrupted(string id, string leaseOwner) => Change(
        "state = 'Interrupted', lease_owner = NULL, lease_until = NULL", "state = 'Sending'", id, leaseOwner);

    public bool Postpone(string id, string leaseOwner, DateTime nextAttemptAt) => Change(
        "attempts = attempts + 1, next_attempt_at = $3, lease_owner = NULL, lease_until = NULL", "state = 'Sending'", id, leaseOwner, Utc(nextAttemptAt));

    public OutboxItem? TakeInterrupted(string id, string identifier, string leaseOwner, TimeSpan lease) => Single(
        $"UPDATE outbox_items SET state = 'Sending', lease_owner = $3, lease_until = $4 WHERE id = $1 AND owner = $2 AND state = 'Interrupted' RETURNING {Columns}",
        id, Mail.Owner.Of(identifier), leaseOwner, Now + lease);

    public OutboxItem? Withdraw(string id, string identifier)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var item = Items(connection, $"DELETE FROM outbox_items WHERE id = $1 AND owner = $2 AND state = 'Interrupted' RETURNING {Columns}", id, Mail.Owner.Of(identifier))
            .SingleOrDefault();
        if (item is not null)
        {
            RememberForm(connection, item, sentFolder: null, withdrawn: true);
        }
        transaction.Commit();
        return item;
    }

    public OutboxItem? FindOwned(string id, string identifier) =>
        Single($"SELECT {Columns} FROM outbox_items WHERE id = $1 AND owner = $2", id, Mail.Owner.Of(identifier));

    public TakeBackOutcome TakeBack(string id, string identifier) => ChangeOwned(id, identifier, (connection, item) =>
    {
        // Refused and already taken back: nothing to withdraw, the compose form reopens it as it is.
        if (item.State == OutboxState.Waiting)
        {
            Execute(connection, "UPDATE outbox_items SET state = 'TakenBack' WHERE id = $1", item.Id);
            item.State = OutboxState.TakenBack;
        }
    });

    public TakeBackOutcome Cancel(string id, string identifier) => ChangeOwned(id, identifier, (connection, item) =>
    {
        RememberForm(connection, item, sentFolder: null, withdrawn: true);
        Execute(connection, "DELETE FROM outbox_items WHERE id = $1", item.Id);
    });

    public OutboxItem? FindTakenBack(string id, string identifier) =>
        FindOwned(id, identifier) is { State: OutboxState.Refused or OutboxState.TakenBack } item ? item : null;

    public void Complete(string id, string sentFolder)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (Items(connection, $"DELETE FROM outbox_items WHERE id = $1 RETURNING {Columns}", id).SingleOrDefault() is { } item)
        {
            RememberForm(connection, item, sentFolder, withdrawn: false);
        }
        transaction.Commit();
    }

    public void Remove(string id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (Items(connection, $"DELETE FROM outbox_items WHERE id = $1 RETURNING {Columns}", id).SingleOrDefault() is { FormId: { } formId } item)
        {
            Execute(connection, "DELETE FROM outbox_forms WHERE id = $1", LiteDbOutboxStore.FormKey(item.Owner, formId));
        }
        transaction.Commit();
    }

    public bool RemoveTakenBack(string id, string identifier)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var item = Items(connection,
            $"DELETE FROM outbox_items WHERE id = $1 AND owner = $2 AND state IN ('Refused', 'TakenBack') RETURNING {Columns}",
            id, Mail.Owner.Of(identifier)).SingleOrDefault();
        if (item is null)
        {
            return false;
        }
        if (item.State == OutboxState.TakenBack)
        {
            RememberForm(connection, item, sentFolder: null, withdrawn: true);
        }
        else if (item.FormId is { } formId)
        {
            Execute(connection, "DELETE FROM outbox_forms WHERE id = $1", LiteDbOutboxStore.FormKey(item.Owner, formId));
        }
        transaction.Commit();
        return true;
    }

    public int PruneForms(TimeSpan olderThan) => database.Execute(
        """
        DELETE FROM outbox_forms f WHERE f.at < $1
        AND NOT EXISTS (SELECT 1 FROM outbox_items i WHERE i.owner = f.owner AND i.form_id = f.form_id)
        """,
        Now - olderThan);

    /// <summary>None can exist: a message and its source are one row.</summary>
    public int DeleteOrphanSources() => 0;

    private OutboxItem Insert(NpgsqlConnection connection, string identifier, string? formId, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease)
    {
        var now = Now;
        var item = OutboxItem.NewLeased(Guid.CreateVersion7().ToString("N"), identifier, formId, message, source.LongLength, now, leaseOwner, lease);
        Execute(connection,
            """
            INSERT INTO outbox_items (id, owner, message_id, form_id, subject, recipients, size, created_at, state, next_attempt_at, lease_owner, lease_until, source)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """,
            item.Id, item.Owner, item.MessageId, item.FormId, item.Subject, item.Recipients, item.Size, item.CreatedAt, item.State.ToString(),
            item.NextAttemptAt, item.LeaseOwner, item.LeaseUntil, Protector(item.Owner).Protect(source));
        return item;
    }

    /// <summary>One lease-holder's transition: <paramref name="set"/> applies only while <paramref name="leaseOwner"/> holds it and <paramref name="condition"/> is true.</summary>
    private bool Change(string set, string condition, string id, string leaseOwner, params object?[] more) =>
        database.Execute($"UPDATE outbox_items SET {set} WHERE id = $1 AND lease_owner = $2 AND {condition}", [id, leaseOwner, .. more]) == 1;

    /// <summary>The owner's two take-back actions: the row held (FOR UPDATE) while its state is read and changed, so a lease cannot slip in between.</summary>
    private TakeBackOutcome ChangeOwned(string id, string identifier, Action<NpgsqlConnection, OutboxItem> change)
    {
        var owner = Mail.Owner.Of(identifier);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var item = Items(connection, $"SELECT {Columns} FROM outbox_items WHERE id = $1 FOR UPDATE", id).SingleOrDefault();
        if (item is null || item.Owner != owner)
        {
            return new TakeBackOutcome(TakeBackStatus.NotFound);
        }
        if (!item.CanBeTakenBack)
        {
            return new TakeBackOutcome(TakeBackStatus.SendingStarted, item);
        }
        change(connection, item);
        transaction.Commit();
        return new TakeBackOutcome(TakeBackStatus.Done, item);
    }

    private void RememberForm(NpgsqlConnection connection, OutboxItem item, string? sentFolder, bool withdrawn)
    {
        if (item.FormId is not { } formId)
        {
            return;
        }
        Execute(connection,
            """
            INSERT INTO outbox_forms (id, owner, form_id, message_id, sent_folder, withdrawn, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET message_id = excluded.message_id, sent_folder = excluded.sent_folder, withdrawn = excluded.withdrawn, at = excluded.at
            """,
            LiteDbOutboxStore.FormKey(item.Owner, formId), item.Owner, formId, item.MessageId, sentFolder, withdrawn, Now);
    }

    private OutboxItem? Single(string sql, params object?[] parameters)
    {
        using var connection = database.Open();
        return Items(connection, sql, parameters).SingleOrDefault();
    }

    private List<OutboxItem> Items(string sql, params object?[] parameters)
    {
        using var connection = database.Open();
        return Items(connection, sql, parameters);
    }

    private static List<OutboxItem> Items(NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        using var command = PostgresDatabase.Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var items = new List<OutboxItem>();
        while (reader.Read())
        {
            items.Add(new OutboxItem
            {
                Id = reader.GetString(0),
                Owner = reader.GetString(1),
                MessageId = reader.GetString(2),
                FormId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Subject = reader.GetString(4),
                Recipients = reader.GetString(5),
                Size = reader.GetInt64(6),
                CreatedAt = reader.GetFieldValue<DateTime>(7),
                State = Enum.Parse<OutboxState>(reader.GetString(8)),
                Attempts = reader.GetInt32(9),
                NextAttemptAt = reader.GetFieldValue<DateTime>(10),
                LeaseOwner = reader.IsDBNull(11) ? null : reader.GetString(11),
                LeaseUntil = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTime>(12),
                Problem = reader.IsDBNull(13) ? null : Enum.Parse<SendProblem>(reader.GetString(13)),
                ServerText = reader.IsDBNull(14) ? null : reader.GetString(14),
            });
        }
        return items;
    }

    private static void Execute(NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        using var command = PostgresDatabase.Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Npgsql writes only UTC to timestamptz; an unspecified kind is taken as UTC, as the LiteDB mapper does.</summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private IDataProtector Protector(string owner) => protection.CreateProtector(LiteDbOutboxStore.Purpose, owner);
}

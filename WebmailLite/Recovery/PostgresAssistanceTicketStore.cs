using Npgsql;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Recovery;

/// <summary>
/// The requests in PostgreSQL: numbered by an identity column (unique whichever instance opened them), their history
/// a table appended to, so two agents on two instances acting on one request both keep their line.
/// </summary>
public sealed class PostgresAssistanceTicketStore(PostgresDatabase database, TimeProvider time) : IAssistanceTicketStore
{
    private const string Columns = "id, identifier, owner, how_to_reach, message, opened_at, open";

    public AssistanceTicket Open(string identifier, string howToReach, string? message)
    {
        var ticket = AssistanceTicket.New(identifier, howToReach, message, time.GetUtcNow().UtcDateTime);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var insert = PostgresDatabase.Command(connection,
            "INSERT INTO assistance_tickets (identifier, owner, how_to_reach, message, opened_at, open) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            ticket.Identifier, ticket.Owner, ticket.HowToReach, ticket.Message, ticket.OpenedAt, ticket.Open))
        {
            insert.Transaction = transaction;
            ticket.Id = (int)insert.ExecuteScalar()!;
        }
        Append(connection, transaction, ticket.Id, ticket.History[0]);
        transaction.Commit();
        return ticket;
    }

    public AssistanceTicket? Find(int id)
    {
        using var connection = database.Open();
        var ticket = Read(connection, $"SELECT {Columns} FROM assistance_tickets WHERE id = $1", id).SingleOrDefault();
        if (ticket is not null)
        {
            ticket.History = History(connection, ticket.Id);
        }
        return ticket;
    }

    public IReadOnlyList<AssistanceTicket> List(bool open)
    {
        using var connection = database.Open();
        var tickets = Read(connection, $"SELECT {Columns} FROM assistance_tickets WHERE open = $1 ORDER BY opened_at, id LIMIT 500", open);
        // The histories of the whole page in one query.
        var byId = tickets.ToDictionary(t => t.Id);
        using var command = PostgresDatabase.Command(connection,
            "SELECT ticket_id, at, what, agent, note FROM assistance_ticket_events WHERE ticket_id = ANY($1) ORDER BY ticket_id, id", byId.Keys.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            byId[reader.GetInt32(0)].History.Add(ReadEvent(reader, 1));
        }
        return tickets;
    }

    public void Add(AssistanceTicket ticket, TicketEventKind what, string agent, string? note = null)
    {
        var added = new TicketEvent { At = time.GetUtcNow().UtcDateTime, What = what, Agent = agent, Note = note };
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // The row updated (so locked) first: events and the open flag of one request change in the order they are recorded.
        using (var update = PostgresDatabase.Command(connection,
            "UPDATE assistance_tickets SET open = coalesce($2::boolean, open) WHERE id = $1 RETURNING open", ticket.Id, added.OpenAfter()))
        {
            update.Transaction = transaction;
            if (update.ExecuteScalar() is not bool open)
            {
                return;
            }
            ticket.Open = open;
        }
        Append(connection, transaction, ticket.Id, added);
        ticket.History = History(connection, ticket.Id);
        transaction.Commit();
    }

    private static void Append(NpgsqlConnection connection, NpgsqlTransaction transaction, int ticketId, TicketEvent added)
    {
        using var insert = PostgresDatabase.Command(connection,
            "INSERT INTO assistance_ticket_events (ticket_id, at, what, agent, note) VALUES ($1, $2, $3, $4, $5)",
            ticketId, added.At, added.What.ToString(), added.Agent, added.Note);
        insert.Transaction = transaction;
        insert.ExecuteNonQuery();
    }

    private static List<AssistanceTicket> Read(NpgsqlConnection connection, string sql, object parameter)
    {
        using var command = PostgresDatabase.Command(connection, sql, parameter);
        using var reader = command.ExecuteReader();
        var tickets = new List<AssistanceTicket>();
        while (reader.Read())
        {
            tickets.Add(new AssistanceTicket
            {
                Id = reader.GetInt32(0),
                Identifier = reader.GetString(1),
                Owner = reader.GetString(2),
                HowToReach = reader.GetString(3),
                Message = reader.IsDBNull(4) ? null : reader.GetString(4),
                OpenedAt = reader.GetFieldValue<DateTime>(5),
                Open = reader.GetBoolean(6),
            });
        }
        return tickets;
    }

    private static List<TicketEvent> History(NpgsqlConnection connection, int ticketId)
    {
        using var command = PostgresDatabase.Command(connection,
            "SELECT at, what, agent, note FROM assistance_ticket_events WHERE ticket_id = $1 ORDER BY id", ticketId);
        using var reader = command.ExecuteReader();
        var history = new List<TicketEvent>();
        while (reader.Read())
        {
            history.Add(ReadEvent(reader, 0));
        }
        return history;
    }

    private static TicketEvent ReadEvent(NpgsqlDataReader reader, int first) => new()
    {
        At = reader.GetFieldValue<DateTime>(first),
        What = Enum.Parse<TicketEventKind>(reader.GetString(first + 1)),
        Agent = reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        Note = reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
    };
}

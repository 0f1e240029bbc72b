using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>Requests to the assistance desk (method 2), with their history.</summary>
public interface IAssistanceTicketStore
{
    /// <summary>A new open request; its <see cref="AssistanceTicket.Id"/> is the number agents see, unique across instances.</summary>
    AssistanceTicket Open(string identifier, string howToReach, string? message);

    AssistanceTicket? Find(int id);

    /// <summary>The open (or closed) requests, oldest first, at most 500.</summary>
    IReadOnlyList<AssistanceTicket> List(bool open);

    /// <summary>
    /// Appends an event to the request's stored history (closing or reopening it as the event says) and to
    /// <paramref name="ticket"/>. Appended, never rewritten: two agents acting on the same request both keep their line.
    /// </summary>
    void Add(AssistanceTicket ticket, TicketEventKind what, string agent, string? note = null);
}

/// <summary>The requests in LiteDB (one instance).</summary>
public sealed class LiteDbAssistanceTicketStore : IAssistanceTicketStore
{
    private readonly ILiteCollection<AssistanceTicket> _tickets;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public LiteDbAssistanceTicketStore(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _tickets = database.Collection<AssistanceTicket>("assistance_tickets");
        _tickets.EnsureIndex(t => t.Open);
        _tickets.EnsureIndex(t => t.Owner);
    }

    public AssistanceTicket Open(string identifier, string howToReach, string? message)
    {
        var ticket = AssistanceTicket.New(identifier, howToReach, message, _time.GetUtcNow().UtcDateTime);
        _tickets.Insert(ticket);
        return ticket;
    }

    public AssistanceTicket? Find(int id) => _tickets.FindById(id);

    public IReadOnlyList<AssistanceTicket> List(bool open) =>
        _tickets.Query().Where(t => t.Open == open).OrderBy(t => t.OpenedAt).Limit(500).ToList();

    public void Add(AssistanceTicket ticket, TicketEventKind what, string agent, string? note = null)
    {
        var added = new TicketEvent { At = _time.GetUtcNow().UtcDateTime, What = what, Agent = agent, Note = note };
        // The stored history, not the caller's copy, which another agent's action may have made stale.
        lock (_gate)
        {
            var stored = _tickets.FindById(ticket.Id) ?? ticket;
            stored.History.Add(added);
            stored.Open = added.OpenAfter() ?? stored.Open;
            _tickets.Update(stored);
            ticket.History = stored.History;
            ticket.Open = stored.Open;
        }
    }
}

using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>Requests to the assistance desk (method 2), with their history.</summary>
public sealed class AssistanceTicketStore
{
    private readonly ILiteCollection<AssistanceTicket> _tickets;
    private readonly TimeProvider _time;

    public AssistanceTicketStore(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _tickets = database.Collection<AssistanceTicket>("assistance_tickets");
        _tickets.EnsureIndex(t => t.Open);
        _tickets.EnsureIndex(t => t.Owner);
    }

    public AssistanceTicket Open(string identifier, string howToReach, string? message)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var ticket = new AssistanceTicket
        {
            Identifier = identifier.Trim(),
            Owner = Owner.Of(identifier),
            HowToReach = howToReach.Trim(),
            Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
            OpenedAt = now,
            Open = true,
            History = [new TicketEvent { At = now, What = TicketEventKind.Opened }],
        };
        _tickets.Insert(ticket);
        return ticket;
    }

    public AssistanceTicket? Find(int id) => _tickets.FindById(id);

    public IReadOnlyList<AssistanceTicket> List(bool open) =>
        _tickets.Query().Where(t => t.Open == open).OrderBy(t => t.OpenedAt).Limit(500).ToList();

    public void Add(AssistanceTicket ticket, TicketEventKind what, string agent, string? note = null)
    {
        ticket.History.Add(new TicketEvent { At = _time.GetUtcNow().UtcDateTime, What = what, Agent = agent, Note = note });
        ticket.Open = what switch
        {
            TicketEventKind.Closed => false,
            TicketEventKind.Reopened => true,
            _ => ticket.Open,
        };
        _tickets.Update(ticket);
    }

    public sealed class AssistanceTicket
    {
        public int Id { get; set; }

        /// <summary>As typed by the person (the desk sees whether it matches an account).</summary>
        public string Identifier { get; set; } = "";

        public string Owner { get; set; } = "";
        public string HowToReach { get; set; } = "";
        public string? Message { get; set; }
        public DateTime OpenedAt { get; set; }
        public bool Open { get; set; }
        public List<TicketEvent> History { get; set; } = [];
    }

    public sealed class TicketEvent
    {
        public DateTime At { get; set; }
        public TicketEventKind What { get; set; }
        public string? Agent { get; set; }

        /// <summary>How identity was checked, or why closed — never a code.</summary>
        public string? Note { get; set; }
    }
}

public enum TicketEventKind
{
    Opened,
    IdentityChecked,
    CodeIssued,
    Closed,
    Reopened,
}

namespace WebmailLite.Recovery;

/// <summary>A request to the assistance desk (<see cref="IAssistanceTicketStore"/>).</summary>
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

    /// <summary>A request as opened, before it is stored: what was typed, trimmed, and its « opened » event.</summary>
    public static AssistanceTicket New(string identifier, string howToReach, string? message, DateTime now) => new()
    {
        Identifier = identifier.Trim(),
        Owner = Mail.Owner.Of(identifier),
        HowToReach = howToReach.Trim(),
        Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
        OpenedAt = now,
        Open = true,
        History = [new TicketEvent { At = now, What = TicketEventKind.Opened }],
    };
}

public sealed class TicketEvent
{
    public DateTime At { get; set; }
    public TicketEventKind What { get; set; }
    public string? Agent { get; set; }

    /// <summary>How identity was checked, or why closed — never a code.</summary>
    public string? Note { get; set; }

    /// <summary>Whether the request is open after this event: <c>null</c> when the event does not change it.</summary>
    public bool? OpenAfter() => What switch
    {
        TicketEventKind.Closed => false,
        TicketEventKind.Reopened => true,
        _ => null,
    };
}

public enum TicketEventKind
{
    Opened,
    IdentityChecked,
    CodeIssued,
    Closed,
    Reopened,
}

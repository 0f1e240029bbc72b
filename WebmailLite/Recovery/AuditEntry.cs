namespace WebmailLite.Recovery;

/// <summary>
/// One line of the recovery audit trail (<see cref="IRecoveryAudit"/>). No id of its own: LiteDB gives each document
/// one (an ObjectId, as before), PostgreSQL numbers its rows; nothing reads either.
/// </summary>
public sealed class AuditEntry
{
    public string Owner { get; set; } = "";
    public DateTime At { get; set; }
    public AuditEvent Event { get; set; }
    public RecoveryMethod? Method { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? Actor { get; set; }

    /// <summary>Free text for agents' notes (how identity was checked) — never a secret.</summary>
    public string? Detail { get; set; }

    /// <summary>An entry as recorded: the account and the agent by their owner keys.</summary>
    public static AuditEntry New(string identifier, DateTime at, AuditEvent what, RecoveryMethod? method, AuditOutcome outcome, string? actor, string? detail) => new()
    {
        Owner = Mail.Owner.Of(identifier),
        At = at,
        Event = what,
        Method = method,
        Outcome = outcome,
        Actor = actor is null ? null : Mail.Owner.Of(actor),
        Detail = detail,
    };
}

public enum AuditEvent
{
    CodeRequested,
    CodeIssued,
    CodeChecked,
    AnswersChecked,
    PasswordChanged,
    BackupAddressRequested,
    BackupAddressConfirmed,
    BackupAddressRemoved,
    QuestionsChanged,
    TicketOpened,
    TicketClosed,
    TicketReopened,
}

public enum AuditOutcome
{
    Success,
    Failure,

    /// <summary>Nothing done because there was nothing to act on (no account, no address): never shown to the person.</summary>
    NothingToDo,
}

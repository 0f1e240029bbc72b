using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// The audit trail of recovery and enrolment: who, when, by which method, what happened. Never a secret: no code,
/// no answer, no password, not even a hash of one.
/// </summary>
public sealed class RecoveryAudit
{
    private readonly ILiteCollection<AuditEntry> _entries;
    private readonly TimeProvider _time;

    public RecoveryAudit(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _entries = database.Collection<AuditEntry>("recovery_audit");
        _entries.EnsureIndex(e => e.Owner);
        _entries.EnsureIndex(e => e.At);
    }

    /// <param name="identifier">The account concerned (its owner key is stored).</param>
    /// <param name="actor">Who acted: the person themselves (<c>null</c>) or an assistance agent's identifier.</param>
    public void Record(string identifier, AuditEvent what, RecoveryMethod? method, AuditOutcome outcome, string? actor = null, string? detail = null) =>
        _entries.Insert(new AuditEntry
        {
            Owner = Owner.Of(identifier),
            At = _time.GetUtcNow().UtcDateTime,
            Event = what,
            Method = method,
            Outcome = outcome,
            Actor = actor is null ? null : Owner.Of(actor),
            Detail = detail,
        });

    public IReadOnlyList<AuditEntry> For(string identifier, int limit = 100)
    {
        var owner = Owner.Of(identifier);
        return _entries.Query().Where(e => e.Owner == owner).OrderByDescending(e => e.At).Limit(limit).ToList();
    }

    public sealed class AuditEntry
    {
        public ObjectId Id { get; set; } = ObjectId.NewObjectId();
        public string Owner { get; set; } = "";
        public DateTime At { get; set; }
        public AuditEvent Event { get; set; }
        public RecoveryMethod? Method { get; set; }
        public AuditOutcome Outcome { get; set; }
        public string? Actor { get; set; }

        /// <summary>Free text for agents' notes (how identity was checked) — never a secret.</summary>
        public string? Detail { get; set; }
    }
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

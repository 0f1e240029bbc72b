using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>
/// The audit trail of recovery and enrolment: who, when, by which method, what happened. Never a secret: no code,
/// no answer, no password, not even a hash of one.
/// </summary>
public interface IRecoveryAudit
{
    /// <param name="identifier">The account concerned (its owner key is stored).</param>
    /// <param name="what">What happened.</param>
    /// <param name="method">By which recovery method, if any.</param>
    /// <param name="outcome">How it ended.</param>
    /// <param name="actor">Who acted: the person themselves (<c>null</c>) or an assistance agent's identifier.</param>
    /// <param name="detail">An agent's note (how identity was checked) — never a secret.</param>
    void Record(string identifier, AuditEvent what, RecoveryMethod? method, AuditOutcome outcome, string? actor = null, string? detail = null);

    /// <summary>An identifier's entries, newest first.</summary>
    IReadOnlyList<AuditEntry> For(string identifier, int limit = 100);
}

/// <summary>The audit trail in LiteDB (one instance).</summary>
public sealed class LiteDbRecoveryAudit : IRecoveryAudit
{
    private readonly ILiteCollection<AuditEntry> _entries;
    private readonly TimeProvider _time;

    public LiteDbRecoveryAudit(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _entries = database.Collection<AuditEntry>("recovery_audit");
        _entries.EnsureIndex(e => e.Owner);
        _entries.EnsureIndex(e => e.At);
    }

    public void Record(string identifier, AuditEvent what, RecoveryMethod? method, AuditOutcome outcome, string? actor = null, string? detail = null) =>
        _entries.Insert(AuditEntry.New(identifier, _time.GetUtcNow().UtcDateTime, what, method, outcome, actor, detail));

    public IReadOnlyList<AuditEntry> For(string identifier, int limit = 100)
    {
        var owner = Owner.Of(identifier);
        return _entries.Query().Where(e => e.Owner == owner).OrderByDescending(e => e.At).Limit(limit).ToList();
    }
}

using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>What a person registered ahead of need: a confirmed backup address and two personal questions.</summary>
public interface IEnrolmentStore
{
    RecoveryEnrolment? Find(string identifier);

    /// <summary>Sets (or, with <c>null</c>, removes) the backup address; the questions are kept.</summary>
    void SetBackupAddress(string identifier, string? address);

    /// <summary>Replaces the questions; the backup address is kept.</summary>
    void SetQuestions(string identifier, IReadOnlyList<EnrolledQuestion> questions);

    void RemoveQuestions(string identifier);
}

/// <summary>The enrolments in LiteDB (one instance).</summary>
public sealed class LiteDbEnrolmentStore : IEnrolmentStore
{
    private readonly ILiteCollection<RecoveryEnrolment> _enrolments;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public LiteDbEnrolmentStore(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _enrolments = database.Collection<RecoveryEnrolment>("recovery_enrolment");
    }

    public RecoveryEnrolment? Find(string identifier) => _enrolments.FindById(Owner.Of(identifier));

    public void SetBackupAddress(string identifier, string? address) =>
        Update(identifier, e => e.BackupAddress = address);

    public void SetQuestions(string identifier, IReadOnlyList<EnrolledQuestion> questions) =>
        Update(identifier, e => e.Questions = [.. questions]);

    public void RemoveQuestions(string identifier) => Update(identifier, e => e.Questions = []);

    private void Update(string identifier, Action<RecoveryEnrolment> change)
    {
        var owner = Owner.Of(identifier);
        // Read, change, write under one lock: an address and questions saved at once both stay.
        lock (_gate)
        {
            var enrolment = _enrolments.FindById(owner) ?? new RecoveryEnrolment { Id = owner };
            change(enrolment);
            enrolment.UpdatedAt = _time.GetUtcNow().UtcDateTime;
            _enrolments.Upsert(enrolment);
        }
    }
}

using LiteDB;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

/// <summary>What a person registered ahead of need: a confirmed backup address and two personal questions.</summary>
public sealed class EnrolmentStore
{
    private readonly ILiteCollection<Enrolment> _enrolments;
    private readonly TimeProvider _time;

    public EnrolmentStore(AppDatabase database, TimeProvider time)
    {
        _time = time;
        _enrolments = database.Collection<Enrolment>("recovery_enrolment");
    }

    public Enrolment? Find(string identifier) => _enrolments.FindById(Owner.Of(identifier));

    public void SetBackupAddress(string identifier, string? address) =>
        Update(identifier, e => e.BackupAddress = address);

    public void SetQuestions(string identifier, IReadOnlyList<EnrolledQuestion> questions) =>
        Update(identifier, e => e.Questions = [.. questions]);

    public void RemoveQuestions(string identifier) => Update(identifier, e => e.Questions = []);

    private void Update(string identifier, Action<Enrolment> change)
    {
        var owner = Owner.Of(identifier);
        var enrolment = _enrolments.FindById(owner) ?? new Enrolment { Id = owner };
        change(enrolment);
        enrolment.UpdatedAt = _time.GetUtcNow().UtcDateTime;
        _enrolments.Upsert(enrolment);
    }

    public sealed class Enrolment
    {
        /// <summary>The owner key (<see cref="Owner.Of"/>).</summary>
        [BsonId]
        public string Id { get; set; } = "";

        /// <summary>Only ever set once confirmed by a code sent to it.</summary>
        public string? BackupAddress { get; set; }

        public List<EnrolledQuestion> Questions { get; set; } = [];

        public DateTime UpdatedAt { get; set; }

        public bool HasQuestions => Questions.Count == 2;
    }
}

/// <summary>A question as the person chose or wrote it (shown back to them), and the hash of its answer.</summary>
public sealed class EnrolledQuestion
{
    public string Text { get; set; } = "";
    public byte[] Salt { get; set; } = [];
    public int Iterations { get; set; }
    public byte[] Hash { get; set; } = [];

    public HashedAnswer Answer => new(Salt, Iterations, Hash);

    public static EnrolledQuestion From(string text, HashedAnswer answer) =>
        new() { Text = text, Salt = answer.Salt, Iterations = answer.Iterations, Hash = answer.Hash };
}

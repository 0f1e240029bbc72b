using LiteDB;

namespace WebmailLite.Recovery;

/// <summary>One person's enrolment (<see cref="IEnrolmentStore"/>).</summary>
public sealed class RecoveryEnrolment
{
    /// <summary>The owner key (<see cref="Mail.Owner.Of"/>).</summary>
    [BsonId]
    public string Id { get; set; } = "";

    /// <summary>Only ever set once confirmed by a code sent to it.</summary>
    public string? BackupAddress { get; set; }

    public List<EnrolledQuestion> Questions { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    public bool HasQuestions => Questions.Count == 2;
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

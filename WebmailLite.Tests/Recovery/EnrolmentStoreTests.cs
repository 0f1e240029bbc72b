using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

public sealed class EnrolmentStoreTests : IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new(RecoveryRig.Start);
    private readonly EnrolmentStore _store;

    public EnrolmentStoreTests() => _store = new EnrolmentStore(_database, _clock);

    public void Dispose() => _database.Dispose();

    private static EnrolledQuestion Question(string text) => EnrolledQuestion.From(text, new HashedAnswer([1], 100_000, [2]));

    [Fact]
    public void Find_NothingEnrolled_IsNull() => Assert.Null(_store.Find("cmartin"));

    [Fact]
    public void BackupAddress_SetChangedRemoved_FoundIgnoringCase()
    {
        _store.SetBackupAddress("CMartin", "camille@laposte.net");
        Assert.Equal("camille@laposte.net", _store.Find("cmartin")!.BackupAddress);

        _store.SetBackupAddress("cmartin", "camille@orange.fr");
        Assert.Equal("camille@orange.fr", _store.Find(" CMARTIN ")!.BackupAddress);

        _store.SetBackupAddress("cmartin", null);
        Assert.Null(_store.Find("cmartin")!.BackupAddress);
    }

    [Fact]
    public void Questions_KeepTheBackupAddress_AndHasQuestionsNeedsTwo()
    {
        _store.SetBackupAddress("cmartin", "camille@laposte.net");
        _store.SetQuestions("cmartin", [Question("Q1")]);
        Assert.False(_store.Find("cmartin")!.HasQuestions);

        _clock.Advance(TimeSpan.FromMinutes(3));
        _store.SetQuestions("cmartin", [Question("Q1"), Question("Q2")]);

        var enrolment = _store.Find("cmartin")!;
        Assert.True(enrolment.HasQuestions);
        Assert.Equal(["Q1", "Q2"], enrolment.Questions.Select(q => q.Text));
        Assert.Equal(100_000, enrolment.Questions[0].Answer.Iterations);
        Assert.Equal("camille@laposte.net", enrolment.BackupAddress);
        Assert.Equal(RecoveryRig.Start.UtcDateTime.AddMinutes(3), enrolment.UpdatedAt);
    }

    [Fact]
    public void RemoveQuestions_LeavesNone()
    {
        _store.SetQuestions("cmartin", [Question("Q1"), Question("Q2")]);

        _store.RemoveQuestions("cmartin");

        Assert.False(_store.Find("cmartin")!.HasQuestions);
        Assert.Empty(_store.Find("cmartin")!.Questions);
    }

    [Fact]
    public void Enrolments_OfTwoPeople_AreSeparate()
    {
        _store.SetBackupAddress("cmartin", "camille@laposte.net");
        _store.SetBackupAddress("jdupont", "jean@free.fr");

        Assert.Equal("camille@laposte.net", _store.Find("cmartin")!.BackupAddress);
        Assert.Equal("jean@free.fr", _store.Find("jdupont")!.BackupAddress);
    }
}

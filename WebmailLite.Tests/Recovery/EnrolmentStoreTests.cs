using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>What every <see cref="IEnrolmentStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class EnrolmentStoreContractTests
{
    private readonly TestClock _clock = new(RecoveryRig.Start);
    private IEnrolmentStore? _store;

    /// <summary>A store on this test's database: each call is one more app instance.</summary>
    protected abstract IEnrolmentStore CreateStore(TimeProvider clock);

    private IEnrolmentStore Store => _store ??= CreateStore(_clock);

    private static EnrolledQuestion Question(string text) => EnrolledQuestion.From(text, new HashedAnswer([1], 100_000, [2]));

    [Fact]
    public void Find_NothingEnrolled_IsNull() => Assert.Null(Store.Find("cmartin"));

    [Fact]
    public void BackupAddress_SetChangedRemoved_FoundIgnoringCase()
    {
        Store.SetBackupAddress("CMartin", "camille@laposte.net");
        Assert.Equal("camille@laposte.net", Store.Find("cmartin")!.BackupAddress);

        Store.SetBackupAddress("cmartin", "camille@orange.fr");
        Assert.Equal("camille@orange.fr", Store.Find(" CMARTIN ")!.BackupAddress);

        Store.SetBackupAddress("cmartin", null);
        Assert.Null(Store.Find("cmartin")!.BackupAddress);
    }

    [Fact]
    public void Questions_KeepTheBackupAddress_AndHasQuestionsNeedsTwo()
    {
        Store.SetBackupAddress("cmartin", "camille@laposte.net");
        Store.SetQuestions("cmartin", [Question("Q1")]);
        Assert.False(Store.Find("cmartin")!.HasQuestions);

        _clock.Advance(TimeSpan.FromMinutes(3));
        Store.SetQuestions("cmartin", [Question("Q1"), Question("Q2")]);

        var enrolment = Store.Find("cmartin")!;
        Assert.True(enrolment.HasQuestions);
        Assert.Equal(["Q1", "Q2"], enrolment.Questions.Select(q => q.Text));
        Assert.Equal(100_000, enrolment.Questions[0].Answer.Iterations);
        Assert.Equal([1], enrolment.Questions[0].Answer.Salt);
        Assert.Equal([2], enrolment.Questions[0].Answer.Hash);
        Assert.Equal("camille@laposte.net", enrolment.BackupAddress);
        Assert.Equal(RecoveryRig.Start.UtcDateTime.AddMinutes(3), enrolment.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, enrolment.UpdatedAt.Kind);
    }

    [Fact]
    public void RemoveQuestions_LeavesNone_AndKeepsTheAddress()
    {
        Store.SetBackupAddress("cmartin", "camille@laposte.net");
        Store.SetQuestions("cmartin", [Question("Q1"), Question("Q2")]);

        Store.RemoveQuestions("cmartin");

        Assert.False(Store.Find("cmartin")!.HasQuestions);
        Assert.Empty(Store.Find("cmartin")!.Questions);
        Assert.Equal("camille@laposte.net", Store.Find("cmartin")!.BackupAddress);
    }

    [Fact]
    public void Enrolments_OfTwoPeople_AreSeparate()
    {
        Store.SetBackupAddress("cmartin", "camille@laposte.net");
        Store.SetBackupAddress("jdupont", "jean@free.fr");

        Assert.Equal("camille@laposte.net", Store.Find("cmartin")!.BackupAddress);
        Assert.Equal("jean@free.fr", Store.Find("jdupont")!.BackupAddress);
    }

    [Fact]
    public void TwoInstances_AnAddressAndQuestionsSavedAtOnce_BothStay()
    {
        var first = CreateStore(_clock);
        var second = CreateStore(_clock);

        for (var round = 0; round < 20; round++)
        {
            var who = "person" + round;
            using var start = new Barrier(2);
            Parallel.Invoke(
                () => { start.SignalAndWait(); first.SetBackupAddress(who, who + "@laposte.net"); },
                () => { start.SignalAndWait(); second.SetQuestions(who, [Question("Q1"), Question("Q2")]); });

            var enrolment = first.Find(who)!;
            Assert.Equal(who + "@laposte.net", enrolment.BackupAddress);
            Assert.True(enrolment.HasQuestions);
        }
    }
}

public sealed class LiteDbEnrolmentStoreTests : EnrolmentStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private IEnrolmentStore? _store;

    // LiteDB's file has one owner (direct mode): a second app instance cannot open it, so « another instance » is
    // the same singleton, as the app registers it.
    protected override IEnrolmentStore CreateStore(TimeProvider clock) => _store ??= new LiteDbEnrolmentStore(_database, clock);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresEnrolmentStoreTests : EnrolmentStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IEnrolmentStore CreateStore(TimeProvider clock) => new PostgresEnrolmentStore(_schema.Database, clock);

    public void Dispose() => _schema.Dispose();
}

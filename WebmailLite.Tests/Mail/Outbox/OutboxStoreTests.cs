using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;
using WebmailLite.Storage;
using WebmailLite.Storage.Postgres;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Mail.Outbox;

/// <summary>
/// The outbox's state machine, what every <see cref="IOutboxStore"/> must do: each transition is compare-and-set on the
/// lease, so a message is submitted once. Each provider runs it through a subclass.
/// </summary>
public abstract class OutboxStoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
    private readonly ITestOutputHelper _output;

    /// <summary>Shared by every store of a test, as the key ring is by every instance of the app.</summary>
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private IOutboxStore? _created;
    private IOutboxStore? _other;

    protected OutboxStoreContractTests(ITestOutputHelper output) => _output = output;

    protected abstract IOutboxStore CreateStore(IDataProtectionProvider protection, TimeProvider clock);

    /// <summary>
    /// The store of a second app instance on the same database, for the races between instances. LiteDB's direct mode
    /// gives the file to one process: its subclass returns the same store.
    /// </summary>
    protected abstract IOutboxStore CreateOtherInstance(IDataProtectionProvider protection, TimeProvider clock);

    private IOutboxStore Store => _created ??= CreateStore(_protection, _clock);

    private IOutboxStore Other => _other ??= CreateOtherInstance(_protection, _clock);

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "Conseil de classe", MessageId = "1@ac-test.fr" };
        message.From.Add(new MailboxAddress("", "moi@ac-test.fr"));
        message.To.Add(new MailboxAddress("Hélène Dubois", "h@ac-test.fr"));
        message.Bcc.Add(new MailboxAddress("", "cachee@ac-test.fr"));
        message.Body = new TextPart("plain") { Text = "Texte" };
        return message;
    }

    private OutboxItem Add(string owner = "app-a") => Store.Add("C.Martin", Message(), [1, 2, 3], owner, Lease);

    [Fact]
    public void Add_IsLeasedSending_SourceEncryptedAndReadBack_ListedForItsOwnerOnly()
    {
        var item = Add();

        Assert.Equal(OutboxState.Sending, item.State);
        Assert.Equal("c.martin", item.Owner);
        Assert.Equal("Hélène Dubois, cachee@ac-test.fr", item.Recipients);
        Assert.Equal([1, 2, 3], Store.ReadSource(item));
        Assert.Single(Store.ListFor("c.martin"));
        Assert.Equal(1, Store.CountFor(" C.MARTIN "));
        Assert.Empty(Store.ListFor("j.bernard"));
        // Leased: not due for anyone while the lease holds.
        Assert.Empty(Store.Due());
    }

    [Fact]
    public void Release_ThenDueAfterBackoff_LeaseIsExclusive()
    {
        var item = Add();
        Assert.True(Store.Release(item.Id, "app-a", SendProblem.Unreachable, null, _clock.GetUtcNow().UtcDateTime.AddSeconds(30)));

        Assert.Empty(Store.Due());
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(Store.Due());

        var first = Store.TryLease(item.Id, "app-a", Lease);
        var second = Store.TryLease(item.Id, "app-b", Lease);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(OutboxState.Sending, Store.Find(item.Id)!.State);
        Assert.Equal(1, Store.Find(item.Id)!.Attempts);
    }

    [Fact]
    public void Accepted_IsNeverSentAgain_OnlyItsCopyIsRetried()
    {
        var item = Add();
        Assert.True(Store.MarkAccepted(item.Id, "app-a"));
        Assert.True(Store.Release(item.Id, "app-a", null, null, _clock.GetUtcNow().UtcDateTime));

        var taken = Store.TryLease(item.Id, "app-b", Lease);

        Assert.Equal(OutboxState.Accepted, taken!.State);
        // Once Accepted, no transition leads back to Sending.
        Assert.False(Store.MarkRefused(item.Id, "app-b", "5.0.0"));
        Assert.False(Store.MarkAccepted(item.Id, "app-b"));
    }

    [Fact]
    public void LeaseOfAStoppedProcess_ExpiresThenCanBeTaken_ButNotBefore()
    {
        var item = Add("app-old");

        Assert.Null(Store.TryLease(item.Id, "app-new", Lease));
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Single(Store.Due());
        Assert.NotNull(Store.TryLease(item.Id, "app-new", Lease));
        // The old process can no longer change it.
        Assert.False(Store.MarkAccepted(item.Id, "app-old"));
        Assert.True(Store.MarkAccepted(item.Id, "app-new"));
    }

    [Fact]
    public void Refused_StaysUntilTakenBackByItsOwner()
    {
        var item = Add();
        Assert.True(Store.MarkRefused(item.Id, "app-a", "550 5.1.1 Adresse inconnue"));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(Store.Due());
        Assert.False(Store.RemoveTakenBack(item.Id, "j.bernard"));
        Assert.True(Store.RemoveTakenBack(item.Id, "c.martin"));
        Assert.Null(Store.Find(item.Id));
        Assert.Equal(0, Store.DeleteOrphanSources());
    }

    private const string FormId = "AbCdEfGhIjKlMnOpQrStUv";

    [Fact]
    public void Form_ClaimedOnce_ThenFoundWhereItIs_InTheOutbox_Sent_Withdrawn()
    {
        var item = Store.TryAddForm("C.Martin", FormId, Message(), [1], "app-a", Lease)!;

        Assert.Null(Store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
        Assert.Equal(FormStage.InOutbox, Store.FindForm("c.martin", FormId)!.Stage);
        // Form ids are case-sensitive, and each person's own.
        Assert.Null(Store.FindForm("c.martin", FormId.ToLowerInvariant()));
        Assert.Null(Store.FindForm("j.bernard", FormId));
        Assert.NotNull(Store.TryAddForm("c.martin", FormId.ToLowerInvariant(), Message(), [1], "app-a", Lease));

        Assert.True(Store.MarkAccepted(item.Id, "app-a"));
        Store.Complete(item.Id, "Sent");

        Assert.Equal(new SentFormStatus(FormStage.Sent, "Sent"), Store.FindForm("c.martin", FormId));
        Assert.Null(Store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
    }

    [Fact]
    public void Form_RefusedOnTheSpot_IsReleased()
    {
        var item = Store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease)!;

        Store.Remove(item.Id);

        Assert.Null(Store.FindForm("c.martin", FormId));
        Assert.NotNull(Store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
    }

    [Fact]
    public void Interrupted_IsNeverDue_ItsOwnerSendsItAnywayOrWithdrawsIt()
    {
        var item = Store.TryAddForm("c.martin", FormId, Message(), [1], "app-old", Lease)!;
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.NotNull(Store.TryLease(item.Id, "app-new", Lease));
        Assert.True(Store.MarkInterrupted(item.Id, "app-new"));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(Store.Due());
        Assert.Null(Store.TakeInterrupted(item.Id, "j.bernard", "app-new", Lease));
        Assert.Null(Store.Withdraw(item.Id, "j.bernard"));

        Assert.Equal(OutboxState.Sending, Store.TakeInterrupted(item.Id, "c.martin", "app-new", Lease)!.State);
        Assert.True(Store.Release(item.Id, "app-new", SendProblem.Unreachable, null, _clock.GetUtcNow().UtcDateTime));
        Assert.Null(Store.Withdraw(item.Id, "c.martin"));

        var other = Store.TryAddForm("c.martin", "zzzzzzzzzzzzzzzzzzzzzz", Message(), [1], "app-new", Lease)!;
        Assert.True(Store.MarkInterrupted(other.Id, "app-new"));
        Assert.Equal(other.Id, Store.Withdraw(other.Id, "C.Martin")!.Id);
        Assert.Equal(FormStage.Withdrawn, Store.FindForm("c.martin", "zzzzzzzzzzzzzzzzzzzzzz")!.Stage);
    }

    [Fact]
    public void Postponed_CutOffAttempt_IsDueAgainOnlyAfterItsTime()
    {
        var item = Add("app-old");
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.NotNull(Store.TryLease(item.Id, "app-new", Lease));

        Assert.True(Store.Postpone(item.Id, "app-new", _clock.GetUtcNow().UtcDateTime.AddSeconds(30)));

        Assert.Empty(Store.Due());
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(OutboxState.Sending, Assert.Single(Store.Due()).State);
    }

    [Fact]
    public void SentForms_ForgottenAfterTheirMemory_NotWhileInTheOutbox()
    {
        var sent = Store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease)!;
        Store.Complete(sent.Id, "Sent");
        Store.TryAddForm("c.martin", "waitingwaitingwaitingw", Message(), [1], "app-a", Lease);

        _clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(1, Store.PruneForms(TimeSpan.FromHours(24)));
        Assert.Null(Store.FindForm("c.martin", FormId));
        Assert.Equal(FormStage.InOutbox, Store.FindForm("c.martin", "waitingwaitingwaitingw")!.Stage);
    }
    /// <summary>A message that waits, as after a failed attempt: due now, leased by nobody.</summary>
    private OutboxItem Waiting(string formId = FormId)
    {
        var item = Store.TryAddForm("c.martin", formId, Message(), [1, 2, 3], "app-a", Lease)!;
        Assert.True(Store.Release(item.Id, "app-a", SendProblem.Unreachable, null, _clock.GetUtcNow().UtcDateTime));
        return Store.Find(item.Id)!;
    }

    [Fact]
    public void TakeBack_Waiting_LeavesEveryPass_ReopenedByItsOwnerOnly_ThenOnlyTheNewVersionCounts()
    {
        var item = Waiting();

        Assert.Equal(TakeBackStatus.NotFound, Store.TakeBack(item.Id, "j.bernard").Status);
        Assert.Null(Store.FindTakenBack(item.Id, "j.bernard"));
        Assert.Equal(OutboxState.Waiting, Store.Find(item.Id)!.State);

        var outcome = Store.TakeBack(item.Id, "C.Martin");

        Assert.Equal(TakeBackStatus.Done, outcome.Status);
        Assert.Equal(OutboxState.TakenBack, Store.Find(item.Id)!.State);
        // Never sent in this version: no pass sees it, no lease can be taken, however long it stays.
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(Store.Due());
        Assert.Null(Store.TryLease(item.Id, "app-a", Lease));
        // Pressed twice (double click, two tabs): still taken back, its source intact for the form.
        Assert.Equal(TakeBackStatus.Done, Store.TakeBack(item.Id, "c.martin").Status);
        Assert.Equal([1, 2, 3], Store.ReadSource(Store.FindTakenBack(item.Id, "c.martin")!));

        Assert.False(Store.RemoveTakenBack(item.Id, "j.bernard"));
        Assert.True(Store.RemoveTakenBack(item.Id, "c.martin"));
        Assert.Null(Store.Find(item.Id));
        // Its old form, posted again with the back button, does not send the old text.
        Assert.Equal(FormStage.Withdrawn, Store.FindForm("c.martin", FormId)!.Stage);
        Assert.Null(Store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
        Assert.Equal(0, Store.DeleteOrphanSources());
    }

    [Fact]
    public void Cancel_Waiting_TakenBack_OrRefused_GoneForGood_OwnerOnly()
    {
        var waiting = Waiting("waitingwaitingwaitingw");
        var takenBack = Waiting("takenbacktakenbacktake");
        Assert.Equal(TakeBackStatus.Done, Store.TakeBack(takenBack.Id, "c.martin").Status);
        var refused = Store.Add("c.martin", Message(), [1], "app-a", Lease);
        Assert.True(Store.MarkRefused(refused.Id, "app-a", "550 5.1.1"));

        Assert.Equal(TakeBackStatus.NotFound, Store.Cancel(waiting.Id, "j.bernard").Status);
        Assert.NotNull(Store.Find(waiting.Id));
        foreach (var item in new[] { waiting, takenBack, refused })
        {
            var outcome = Store.Cancel(item.Id, "c.martin");
            Assert.Equal(TakeBackStatus.Done, outcome.Status);
            Assert.Equal("Conseil de classe", outcome.Item!.Subject);
            Assert.Null(Store.Find(item.Id));
            Assert.Equal(TakeBackStatus.NotFound, Store.Cancel(item.Id, "c.martin").Status);
        }
        Assert.Equal(FormStage.Withdrawn, Store.FindForm("c.martin", "waitingwaitingwaitingw")!.Stage);
        Assert.Null(Store.TryAddForm("c.martin", "waitingwaitingwaitingw", Message(), [1], "app-a", Lease));
        Assert.Equal(0, Store.CountFor("c.martin"));
        Assert.Equal(0, Store.DeleteOrphanSources());
    }

    [Fact]
    public void TakeBackAndCancel_OnceSendingStarted_ChangeNothing()
    {
        // A cut-off attempt whose lease ran out is still « being sent »: it may have reached the server.
        var cutOff = Store.Add("c.martin", Message(), [1], "app-gone", Lease);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var sending = Store.Add("c.martin", Message(), [1], "app-a", Lease);
        var accepted = Store.Add("c.martin", Message(), [1], "app-a", Lease);
        Assert.True(Store.MarkAccepted(accepted.Id, "app-a"));
        var interrupted = Store.Add("c.martin", Message(), [1], "app-a", Lease);
        Assert.True(Store.MarkInterrupted(interrupted.Id, "app-a"));

        foreach (var item in new[] { sending, accepted, interrupted, cutOff })
        {
            var before = Store.Find(item.Id)!.State;
            Assert.Equal(TakeBackStatus.SendingStarted, Store.TakeBack(item.Id, "c.martin").Status);
            Assert.Equal(TakeBackStatus.SendingStarted, Store.Cancel(item.Id, "c.martin").Status);
            Assert.False(Store.Find(item.Id)!.CanBeTakenBack);
            Assert.Equal(before, Store.Find(item.Id)!.State);
        }
        Assert.True(Store.MarkAccepted(sending.Id, "app-a"));
    }

    [Fact]
    public void TakeBack_AfterAPassListedItDue_TheLeaseIsRefused()
    {
        var item = Waiting();
        // The worker's order: list what is due, then lease each; the person's « Modifier » lands in between.
        var due = Assert.Single(Store.Due());

        Assert.Equal(TakeBackStatus.Done, Store.TakeBack(due.Id, "c.martin").Status);

        Assert.Null(Store.TryLease(due.Id, "app-a", Lease));
        Assert.Equal(OutboxState.TakenBack, Store.Find(item.Id)!.State);
    }

    public static TheoryData<bool> CancelOrTakeBack => new() { true, false };

    /// <summary>
    /// The person's action (on one instance) and the worker's lease (on another), started together on two threads,
    /// many times: exactly one wins each time. Without the store's atomicity both read « Waiting » and both win (a
    /// message sent while being edited, or sent after being cancelled); this test then fails within a few rounds.
    /// </summary>
    [Theory]
    [MemberData(nameof(CancelOrTakeBack))]
    public async Task PersonAndWorker_Racing_ExactlyOneWins(bool cancel)
    {
        var (leased, withdrawn) = (0, 0);
        // Both stores made before any thread starts: made lazily by two threads at once, there could be two of them.
        var (store, other) = (Store, Other);
        for (var round = 0; round < 300; round++)
        {
            var item = Waiting("round" + round.ToString("D17", System.Globalization.CultureInfo.InvariantCulture));
            using var start = new Barrier(2);
            OutboxItem? lease = null;
            TakeBackOutcome? outcome = null;
            var worker = Task.Run(() =>
            {
                start.SignalAndWait();
                lease = store.TryLease(item.Id, "app-a", Lease);
            });
            var person = Task.Run(() =>
            {
                start.SignalAndWait();
                outcome = cancel ? other.Cancel(item.Id, "c.martin") : other.TakeBack(item.Id, "c.martin");
            });
            await Task.WhenAll(worker, person);

            var now = Store.Find(item.Id);
            if (lease is not null)
            {
                leased++;
                Assert.Equal(TakeBackStatus.SendingStarted, outcome!.Status);
                Assert.Equal(OutboxState.Sending, now!.State);
                Assert.True(Store.MarkAccepted(item.Id, "app-a"));
            }
            else
            {
                withdrawn++;
                Assert.Equal(TakeBackStatus.Done, outcome!.Status);
                Assert.Equal(cancel ? null : OutboxState.TakenBack, now?.State);
                Assert.Null(Store.TryLease(item.Id, "app-a", Lease));
            }
        }
        // Every round had one winner; which one is up to the scheduler (both are seen on this machine).
        Assert.Equal(300, leased + withdrawn);
        _output.WriteLine($"Race ({(cancel ? "cancel" : "take back")}): the lease won {leased} rounds, the person {withdrawn}");
    }

    /// <summary>
    /// The workers of two instances, each listing what is due and leasing it, at the same moment: every message is
    /// leased by one of them, never by both, so each is submitted once.
    /// </summary>
    [Fact]
    public async Task TwoInstances_LeasingTheSameDueMessages_EachMessageIsLeasedOnce()
    {
        var ids = Enumerable.Range(0, 40).Select(i => Waiting("leaseleaseleasel" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Id).ToList();
        using var start = new Barrier(2);
        List<string> Pass(IOutboxStore store, string instance)
        {
            start.SignalAndWait();
            return [.. store.Due().Select(item => store.TryLease(item.Id, instance, Lease)).OfType<OutboxItem>().Select(item => item.Id)];
        }

        var (a, b) = (Store, Other);
        var passes = await Task.WhenAll(Task.Run(() => Pass(a, "app-a")), Task.Run(() => Pass(b, "app-b")));

        Assert.Equal(ids.Order(), passes.SelectMany(p => p).Order());
        Assert.Empty(passes[0].Intersect(passes[1]));
        Assert.Empty(Store.Due());
        foreach (var id in passes[1])
        {
            Assert.False(Store.MarkAccepted(id, "app-a"));
            Assert.True(Other.MarkAccepted(id, "app-b"));
        }
        _output.WriteLine($"Leases: app-a {passes[0].Count}, app-b {passes[1].Count}");
    }

    /// <summary>The same compose form posted to two instances at once (a double click behind the load balancer): one message.</summary>
    [Fact]
    public async Task TwoInstances_ClaimingTheSameForm_OnlyOneStoresIt()
    {
        for (var round = 0; round < 50; round++)
        {
            var formId = "claim" + round.ToString("D17", System.Globalization.CultureInfo.InvariantCulture);
            using var start = new Barrier(2);
            OutboxItem? Claim(IOutboxStore store, string instance)
            {
                start.SignalAndWait();
                return store.TryAddForm("c.martin", formId, Message(), [1], instance, Lease);
            }

            var (a, b) = (Store, Other);
            var claims = await Task.WhenAll(Task.Run(() => Claim(a, "app-a")), Task.Run(() => Claim(b, "app-b")));

            Assert.Single(claims.OfType<OutboxItem>());
            Assert.Equal(FormStage.InOutbox, Store.FindForm("c.martin", formId)!.Stage);
        }
        Assert.Equal(50, Store.CountFor("c.martin"));
    }

    [Fact]
    public void Backlog_CountsWhatWaitsForTheServer_NotWhatWaitsForItsOwner()
    {
        Assert.Equal((0, (DateTime?)null), Store.Backlog());
        var first = Add();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var waiting = Waiting("waitingwaitingwaitingw");
        var refused = Add();
        Assert.True(Store.MarkRefused(refused.Id, "app-a", "550"));

        var (count, oldest) = Store.Backlog();

        Assert.Equal(2, count);
        Assert.Equal(first.CreatedAt, oldest);
        Assert.Equal(DateTimeKind.Utc, oldest!.Value.Kind);
        Assert.Equal(waiting.CreatedAt, Store.Find(waiting.Id)!.CreatedAt);
    }

    [Fact]
    public void ListFor_OldestFirst_WithEveryFieldKept()
    {
        var first = Add();
        var second = Add();
        Assert.True(Store.Release(second.Id, "app-a", SendProblem.TemporarilyRefused, "451 4.7.1 Réessayez", _clock.GetUtcNow().UtcDateTime.AddMinutes(5)));

        var list = Store.ListFor("c.martin");

        Assert.Equal([first.Id, second.Id], list.Select(i => i.Id));
        var back = list[1];
        Assert.Equal(OutboxState.Waiting, back.State);
        Assert.Equal(SendProblem.TemporarilyRefused, back.Problem);
        Assert.Equal("451 4.7.1 Réessayez", back.ServerText);
        Assert.Equal(1, back.Attempts);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(5), back.NextAttemptAt);
        Assert.Null(back.LeaseOwner);
        Assert.Null(back.LeaseUntil);
        Assert.Equal(("Conseil de classe", "1@ac-test.fr", 3L), (back.Subject, back.MessageId, back.Size));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime + Lease, list[0].LeaseUntil);
    }
}

public sealed class LiteDbOutboxStoreTests(ITestOutputHelper output) : OutboxStoreContractTests(output), IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private IOutboxStore? _store;

    protected override IOutboxStore CreateStore(IDataProtectionProvider protection, TimeProvider clock) =>
        _store ??= new LiteDbOutboxStore(_database, protection, clock);

    protected override IOutboxStore CreateOtherInstance(IDataProtectionProvider protection, TimeProvider clock) => CreateStore(protection, clock);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresOutboxStoreTests(ITestOutputHelper output) : OutboxStoreContractTests(output), IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();
    private readonly List<PostgresDatabase> _instances = [];

    protected override IOutboxStore CreateStore(IDataProtectionProvider protection, TimeProvider clock) => new PostgresOutboxStore(_schema.Database, protection, clock);

    /// <summary>Its own connection pool, as another instance of the app has.</summary>
    protected override IOutboxStore CreateOtherInstance(IDataProtectionProvider protection, TimeProvider clock)
    {
        var database = new PostgresDatabase(_schema.ConnectionString);
        _instances.Add(database);
        return new PostgresOutboxStore(database, protection, clock);
    }

    public void Dispose()
    {
        _instances.ForEach(d => d.Dispose());
        _schema.Dispose();
    }
}

using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Mail.Outbox;

/// <summary>The outbox's state machine: each transition is compare-and-set on the lease, so a message is submitted once.</summary>
public sealed class OutboxStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
    private readonly IOutboxStore _store;
    private readonly ITestOutputHelper _output;

    public OutboxStoreTests(ITestOutputHelper output)
    {
        _store = new LiteDbOutboxStore(_database, new EphemeralDataProtectionProvider(), _clock);
        _output = output;
    }

    public void Dispose() => _database.Dispose();

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "Conseil de classe", MessageId = "1@ac-test.fr" };
        message.From.Add(new MailboxAddress("", "moi@ac-test.fr"));
        message.To.Add(new MailboxAddress("Hélène Dubois", "h@ac-test.fr"));
        message.Bcc.Add(new MailboxAddress("", "cachee@ac-test.fr"));
        message.Body = new TextPart("plain") { Text = "Texte" };
        return message;
    }

    private OutboxItem Add(string owner = "app-a") => _store.Add("C.Martin", Message(), [1, 2, 3], owner, Lease);

    [Fact]
    public void Add_IsLeasedSending_SourceEncryptedAndReadBack_ListedForItsOwnerOnly()
    {
        var item = Add();

        Assert.Equal(OutboxState.Sending, item.State);
        Assert.Equal("c.martin", item.Owner);
        Assert.Equal("Hélène Dubois, cachee@ac-test.fr", item.Recipients);
        Assert.Equal([1, 2, 3], _store.ReadSource(item));
        Assert.Single(_store.ListFor("c.martin"));
        Assert.Equal(1, _store.CountFor(" C.MARTIN "));
        Assert.Empty(_store.ListFor("j.bernard"));
        // Leased: not due for anyone while the lease holds.
        Assert.Empty(_store.Due());
    }

    [Fact]
    public void Release_ThenDueAfterBackoff_LeaseIsExclusive()
    {
        var item = Add();
        Assert.True(_store.Release(item.Id, "app-a", SendProblem.Unreachable, null, _clock.GetUtcNow().UtcDateTime.AddSeconds(30)));

        Assert.Empty(_store.Due());
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(_store.Due());

        var first = _store.TryLease(item.Id, "app-a", Lease);
        var second = _store.TryLease(item.Id, "app-b", Lease);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(OutboxState.Sending, _store.Find(item.Id)!.State);
        Assert.Equal(1, _store.Find(item.Id)!.Attempts);
    }

    [Fact]
    public void Accepted_IsNeverSentAgain_OnlyItsCopyIsRetried()
    {
        var item = Add();
        Assert.True(_store.MarkAccepted(item.Id, "app-a"));
        Assert.True(_store.Release(item.Id, "app-a", null, null, _clock.GetUtcNow().UtcDateTime));

        var taken = _store.TryLease(item.Id, "app-b", Lease);

        Assert.Equal(OutboxState.Accepted, taken!.State);
        // Once Accepted, no transition leads back to Sending.
        Assert.False(_store.MarkRefused(item.Id, "app-b", "5.0.0"));
        Assert.False(_store.MarkAccepted(item.Id, "app-b"));
    }

    [Fact]
    public void LeaseOfAStoppedProcess_ExpiresThenCanBeTaken_ButNotBefore()
    {
        var item = Add("app-old");

        Assert.Null(_store.TryLease(item.Id, "app-new", Lease));
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Single(_store.Due());
        Assert.NotNull(_store.TryLease(item.Id, "app-new", Lease));
        // The old process can no longer change it.
        Assert.False(_store.MarkAccepted(item.Id, "app-old"));
        Assert.True(_store.MarkAccepted(item.Id, "app-new"));
    }

    [Fact]
    public void Refused_StaysUntilTakenBackByItsOwner()
    {
        var item = Add();
        Assert.True(_store.MarkRefused(item.Id, "app-a", "550 5.1.1 Adresse inconnue"));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(_store.Due());
        Assert.False(_store.RemoveTakenBack(item.Id, "j.bernard"));
        Assert.True(_store.RemoveTakenBack(item.Id, "c.martin"));
        Assert.Null(_store.Find(item.Id));
        Assert.Equal(0, _store.DeleteOrphanSources());
    }

    private const string FormId = "AbCdEfGhIjKlMnOpQrStUv";

    [Fact]
    public void Form_ClaimedOnce_ThenFoundWhereItIs_InTheOutbox_Sent_Withdrawn()
    {
        var item = _store.TryAddForm("C.Martin", FormId, Message(), [1], "app-a", Lease)!;

        Assert.Null(_store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
        Assert.Equal(FormStage.InOutbox, _store.FindForm("c.martin", FormId)!.Stage);
        // Form ids are case-sensitive, and each person's own.
        Assert.Null(_store.FindForm("c.martin", FormId.ToLowerInvariant()));
        Assert.Null(_store.FindForm("j.bernard", FormId));
        Assert.NotNull(_store.TryAddForm("c.martin", FormId.ToLowerInvariant(), Message(), [1], "app-a", Lease));

        Assert.True(_store.MarkAccepted(item.Id, "app-a"));
        _store.Complete(item.Id, "Sent");

        Assert.Equal(new SentFormStatus(FormStage.Sent, "Sent"), _store.FindForm("c.martin", FormId));
        Assert.Null(_store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
    }

    [Fact]
    public void Form_RefusedOnTheSpot_IsReleased()
    {
        var item = _store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease)!;

        _store.Remove(item.Id);

        Assert.Null(_store.FindForm("c.martin", FormId));
        Assert.NotNull(_store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
    }

    [Fact]
    public void Interrupted_IsNeverDue_ItsOwnerSendsItAnywayOrWithdrawsIt()
    {
        var item = _store.TryAddForm("c.martin", FormId, Message(), [1], "app-old", Lease)!;
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.NotNull(_store.TryLease(item.Id, "app-new", Lease));
        Assert.True(_store.MarkInterrupted(item.Id, "app-new"));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(_store.Due());
        Assert.Null(_store.TakeInterrupted(item.Id, "j.bernard", "app-new", Lease));
        Assert.Null(_store.Withdraw(item.Id, "j.bernard"));

        Assert.Equal(OutboxState.Sending, _store.TakeInterrupted(item.Id, "c.martin", "app-new", Lease)!.State);
        Assert.True(_store.Release(item.Id, "app-new", SendProblem.Unreachable, null, _clock.GetUtcNow().UtcDateTime));
        Assert.Null(_store.Withdraw(item.Id, "c.martin"));

        var other = _store.TryAddForm("c.martin", "zzzzzzzzzzzzzzzzzzzzzz", Message(), [1], "app-new", Lease)!;
        Assert.True(_store.MarkInterrupted(other.Id, "app-new"));
        Assert.Equal(other.Id, _store.Withdraw(other.Id, "C.Martin")!.Id);
        Assert.Equal(FormStage.Withdrawn, _store.FindForm("c.martin", "zzzzzzzzzzzzzzzzzzzzzz")!.Stage);
    }

    [Fact]
    public void Postponed_CutOffAttempt_IsDueAgainOnlyAfterItsTime()
    {
        var item = Add("app-old");
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.NotNull(_store.TryLease(item.Id, "app-new", Lease));

        Assert.True(_store.Postpone(item.Id, "app-new", _clock.GetUtcNow().UtcDateTime.AddSeconds(30)));

        Assert.Empty(_store.Due());
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(OutboxState.Sending, Assert.Single(_store.Due()).State);
    }

    [Fact]
    public void SentForms_ForgottenAfterTheirMemory_NotWhileInTheOutbox()
    {
        var sent = _store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease)!;
        _store.Complete(sent.Id, "Sent");
        _store.TryAddForm("c.martin", "waitingwaitingwaitingw", Message(), [1], "app-a", Lease);

        _clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(1, _store.PruneForms(TimeSpan.FromHours(24)));
        Assert.Null(_store.FindForm("c.martin", FormId));
        Assert.Equal(FormStage.InOutbox, _store.FindForm("c.martin", "waitingwaitingwaitingw")!.Stage);
    }
    /// <summary>A message that waits, as after a failed attempt: due now, leased by nobody.</summary>
    private OutboxItem Waiting(string formId = FormId)
    {
        var item = _store.TryAddForm("c.martin", formId, Message(), [1, 2, 3], "app-a", Lease)!;
        Assert.True(_store.Release(item.Id, "app-a", SendProblem.Unreachable, null, _clock.GetUtcNow().UtcDateTime));
        return _store.Find(item.Id)!;
    }

    [Fact]
    public void TakeBack_Waiting_LeavesEveryPass_ReopenedByItsOwnerOnly_ThenOnlyTheNewVersionCounts()
    {
        var item = Waiting();

        Assert.Equal(TakeBackStatus.NotFound, _store.TakeBack(item.Id, "j.bernard").Status);
        Assert.Null(_store.FindTakenBack(item.Id, "j.bernard"));
        Assert.Equal(OutboxState.Waiting, _store.Find(item.Id)!.State);

        var outcome = _store.TakeBack(item.Id, "C.Martin");

        Assert.Equal(TakeBackStatus.Done, outcome.Status);
        Assert.Equal(OutboxState.TakenBack, _store.Find(item.Id)!.State);
        // Never sent in this version: no pass sees it, no lease can be taken, however long it stays.
        _clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(_store.Due());
        Assert.Null(_store.TryLease(item.Id, "app-a", Lease));
        // Pressed twice (double click, two tabs): still taken back, its source intact for the form.
        Assert.Equal(TakeBackStatus.Done, _store.TakeBack(item.Id, "c.martin").Status);
        Assert.Equal([1, 2, 3], _store.ReadSource(_store.FindTakenBack(item.Id, "c.martin")!));

        Assert.False(_store.RemoveTakenBack(item.Id, "j.bernard"));
        Assert.True(_store.RemoveTakenBack(item.Id, "c.martin"));
        Assert.Null(_store.Find(item.Id));
        // Its old form, posted again with the back button, does not send the old text.
        Assert.Equal(FormStage.Withdrawn, _store.FindForm("c.martin", FormId)!.Stage);
        Assert.Null(_store.TryAddForm("c.martin", FormId, Message(), [1], "app-a", Lease));
        Assert.Equal(0, _store.DeleteOrphanSources());
    }

    [Fact]
    public void Cancel_Waiting_TakenBack_OrRefused_GoneForGood_OwnerOnly()
    {
        var waiting = Waiting("waitingwaitingwaitingw");
        var takenBack = Waiting("takenbacktakenbacktake");
        Assert.Equal(TakeBackStatus.Done, _store.TakeBack(takenBack.Id, "c.martin").Status);
        var refused = _store.Add("c.martin", Message(), [1], "app-a", Lease);
        Assert.True(_store.MarkRefused(refused.Id, "app-a", "550 5.1.1"));

        Assert.Equal(TakeBackStatus.NotFound, _store.Cancel(waiting.Id, "j.bernard").Status);
        Assert.NotNull(_store.Find(waiting.Id));
        foreach (var item in new[] { waiting, takenBack, refused })
        {
            var outcome = _store.Cancel(item.Id, "c.martin");
            Assert.Equal(TakeBackStatus.Done, outcome.Status);
            Assert.Equal("Conseil de classe", outcome.Item!.Subject);
            Assert.Null(_store.Find(item.Id));
            Assert.Equal(TakeBackStatus.NotFound, _store.Cancel(item.Id, "c.martin").Status);
        }
        Assert.Equal(FormStage.Withdrawn, _store.FindForm("c.martin", "waitingwaitingwaitingw")!.Stage);
        Assert.Null(_store.TryAddForm("c.martin", "waitingwaitingwaitingw", Message(), [1], "app-a", Lease));
        Assert.Equal(0, _store.CountFor("c.martin"));
        Assert.Equal(0, _store.DeleteOrphanSources());
    }

    [Fact]
    public void TakeBackAndCancel_OnceSendingStarted_ChangeNothing()
    {
        // A cut-off attempt whose lease ran out is still « being sent »: it may have reached the server.
        var cutOff = _store.Add("c.martin", Message(), [1], "app-gone", Lease);
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var sending = _store.Add("c.martin", Message(), [1], "app-a", Lease);
        var accepted = _store.Add("c.martin", Message(), [1], "app-a", Lease);
        Assert.True(_store.MarkAccepted(accepted.Id, "app-a"));
        var interrupted = _store.Add("c.martin", Message(), [1], "app-a", Lease);
        Assert.True(_store.MarkInterrupted(interrupted.Id, "app-a"));

        foreach (var item in new[] { sending, accepted, interrupted, cutOff })
        {
            var before = _store.Find(item.Id)!.State;
            Assert.Equal(TakeBackStatus.SendingStarted, _store.TakeBack(item.Id, "c.martin").Status);
            Assert.Equal(TakeBackStatus.SendingStarted, _store.Cancel(item.Id, "c.martin").Status);
            Assert.False(_store.Find(item.Id)!.CanBeTakenBack);
            Assert.Equal(before, _store.Find(item.Id)!.State);
        }
        Assert.True(_store.MarkAccepted(sending.Id, "app-a"));
    }

    [Fact]
    public void TakeBack_AfterAPassListedItDue_TheLeaseIsRefused()
    {
        var item = Waiting();
        // The worker's order: list what is due, then lease each; the person's « Modifier » lands in between.
        var due = Assert.Single(_store.Due());

        Assert.Equal(TakeBackStatus.Done, _store.TakeBack(due.Id, "c.martin").Status);

        Assert.Null(_store.TryLease(due.Id, "app-a", Lease));
        Assert.Equal(OutboxState.TakenBack, _store.Find(item.Id)!.State);
    }

    public static TheoryData<bool> CancelOrTakeBack => new() { true, false };

    /// <summary>
    /// The person's action and the worker's lease, started together on two threads, many times: exactly one wins each
    /// time. Without the store's lock both read « Waiting » and both win (a message sent while being edited, or sent
    /// after being cancelled); this test then fails within a few rounds.
    /// </summary>
    [Theory]
    [MemberData(nameof(CancelOrTakeBack))]
    public async Task PersonAndWorker_Racing_ExactlyOneWins(bool cancel)
    {
        var (leased, withdrawn) = (0, 0);
        for (var round = 0; round < 300; round++)
        {
            var item = Waiting("round" + round.ToString("D17", System.Globalization.CultureInfo.InvariantCulture));
            using var start = new Barrier(2);
            OutboxItem? lease = null;
            TakeBackOutcome? outcome = null;
            var worker = Task.Run(() =>
            {
                start.SignalAndWait();
                lease = _store.TryLease(item.Id, "app-a", Lease);
            });
            var person = Task.Run(() =>
            {
                start.SignalAndWait();
                outcome = cancel ? _store.Cancel(item.Id, "c.martin") : _store.TakeBack(item.Id, "c.martin");
            });
            await Task.WhenAll(worker, person);

            var now = _store.Find(item.Id);
            if (lease is not null)
            {
                leased++;
                Assert.Equal(TakeBackStatus.SendingStarted, outcome!.Status);
                Assert.Equal(OutboxState.Sending, now!.State);
                Assert.True(_store.MarkAccepted(item.Id, "app-a"));
            }
            else
            {
                withdrawn++;
                Assert.Equal(TakeBackStatus.Done, outcome!.Status);
                Assert.Equal(cancel ? null : OutboxState.TakenBack, now?.State);
                Assert.Null(_store.TryLease(item.Id, "app-a", Lease));
            }
        }
        // Every round had one winner; which one is up to the scheduler (both are seen on this machine).
        Assert.Equal(300, leased + withdrawn);
        _output.WriteLine($"Race ({(cancel ? "cancel" : "take back")}): the lease won {leased} rounds, the person {withdrawn}");
    }
}

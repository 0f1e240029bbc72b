using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Outbox;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Outbox;

/// <summary>The outbox's state machine: each transition is compare-and-set on the lease, so a message is submitted once.</summary>
public sealed class OutboxStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero));
    private readonly OutboxStore _store;

    public OutboxStoreTests()
    {
        _store = new OutboxStore(_database, new EphemeralDataProtectionProvider(), _clock);
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
}

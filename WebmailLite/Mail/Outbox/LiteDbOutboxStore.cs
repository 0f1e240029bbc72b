using System.Security.Cryptography;
using LiteDB;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using WebmailLite.Storage;

namespace WebmailLite.Mail.Outbox;

/// <summary>
/// The outbox: one record per message (state, lease, reason) and its full MIME source, attachments included,
/// encrypted with Data Protection under a purpose bound to the owner. Never the password: a message waits for a live
/// session of its owner to be sent. Every state change is a compare-and-set, so that however many workers (threads or
/// app instances) race, a message is leased by one at a time and submitted once; a compose form's claim
/// (<see cref="TryAddForm"/>) is atomic too: a form is handed to the outbox once. The states: <see cref="OutboxState"/>.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Stores a message about to be sent, already leased to <paramref name="leaseOwner"/> (state Sending).</summary>
    OutboxItem Add(string identifier, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease);

    /// <summary>
    /// Claims compose form <paramref name="formId"/> of this person and stores its message as <see cref="Add"/> does;
    /// <c>null</c>, storing nothing, when that form was handed over before (<see cref="FindForm"/> says where it is).
    /// Form ids are compared exactly (case-sensitive), and are each person's own.
    /// </summary>
    OutboxItem? TryAddForm(string identifier, string formId, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease);

    /// <summary>Where the message of this person's form is, or <c>null</c> when the form was never handed over (or forgotten).</summary>
    SentFormStatus? FindForm(string identifier, string formId);

    /// <summary>The MIME source, or <c>null</c> when it cannot be read (keys lost).</summary>
    byte[]? ReadSource(OutboxItem item);

    OutboxItem? Find(string id);

    /// <summary>This person's messages, oldest first.</summary>
    IReadOnlyList<OutboxItem> ListFor(string identifier);

    int CountFor(string identifier);

    /// <summary>
    /// For the operators: how many messages wait to leave (waiting or being sent) and when the oldest of them was
    /// written; <c>null</c> when none waits. Refused, interrupted and taken-back messages wait for their owner, not for
    /// the server, and are not counted.
    /// </summary>
    (int Count, DateTime? OldestCreatedAt) Backlog();

    /// <summary>
    /// Messages a background pass may take now: waiting and due; being sent by an attempt whose lease ran out (a crash
    /// or restart: to be settled, see <see cref="OutboxSender"/>); accepted but not yet copied to Envoyés, and due.
    /// Listing is not taking: each is then leased with <see cref="TryLease"/>, which another pass may win.
    /// </summary>
    IReadOnlyList<OutboxItem> Due();

    /// <summary>Takes the lease if the message is still takeable; <c>null</c> if someone else has it or it moved on.</summary>
    OutboxItem? TryLease(string id, string leaseOwner, TimeSpan lease);

    /// <summary>The server accepted the message: it is never submitted again. False if the lease was lost meanwhile.</summary>
    bool MarkAccepted(string id, string leaseOwner);

    /// <summary>Gives the lease back after a failure; a Sending message waits again, an Accepted one keeps its state.</summary>
    bool Release(string id, string leaseOwner, SendProblem? problem, string? serverText, DateTime nextAttemptAt);

    /// <summary>Refused for good in the background: kept, with the reason, until the person takes it back.</summary>
    bool MarkRefused(string id, string leaseOwner, string? serverText);

    /// <summary>
    /// Sending, its attempt cut off, and no copy in Envoyés: whether the server took it cannot be known. It is not
    /// taken again by any pass; its owner decides (<see cref="TakeInterrupted"/>, <see cref="Withdraw"/>).
    /// </summary>
    bool MarkInterrupted(string id, string leaseOwner);

    /// <summary>An interrupted message could not be settled now (Envoyés could not be read): stays Sending, looked at again after <paramref name="nextAttemptAt"/>.</summary>
    bool Postpone(string id, string leaseOwner, DateTime nextAttemptAt);

    /// <summary>Its owner chose « Envoyer quand même » for an interrupted message: leased for one attempt, or <c>null</c>.</summary>
    OutboxItem? TakeInterrupted(string id, string identifier, string leaseOwner, TimeSpan lease);

    /// <summary>Its owner chose « Retirer » for an interrupted message: gone, and its form is never sent again. <c>null</c> when it is not an interrupted message of theirs.</summary>
    OutboxItem? Withdraw(string id, string identifier);

    /// <summary>This person's message, or <c>null</c> when it is gone or someone else's.</summary>
    OutboxItem? FindOwned(string id, string identifier);

    /// <summary>
    /// « Modifier »: a waiting message of this person's leaves every background pass (<see cref="OutboxState.TakenBack"/>)
    /// to be reopened in the compose form. Atomic against <see cref="TryLease"/>: either taken back here, never to be
    /// sent in this version, or leased for an attempt first and then refused here; never both.
    /// </summary>
    TakeBackOutcome TakeBack(string id, string identifier);

    /// <summary>
    /// « Annuler l'envoi »: a message of this person's not being sent is removed, and its form remembered as withdrawn so
    /// that posting that form again (the back button) does not send it either. Atomic against a lease like <see cref="TakeBack"/>.
    /// </summary>
    TakeBackOutcome Cancel(string id, string identifier);

    /// <summary>A refused or taken-back message of this person's, to reopen in the compose form; <c>null</c> otherwise.</summary>
    OutboxItem? FindTakenBack(string id, string identifier);

    /// <summary>Sent, and its copy is in <paramref name="sentFolder"/>: removed; its form is remembered as sent.</summary>
    void Complete(string id, string sentFolder);

    /// <summary>Refused on the spot, back to the form: removed, and the form's claim released so the corrected form can be sent.</summary>
    void Remove(string id);

    /// <summary>
    /// Removes a refused or taken-back message of this person's, once the compose form that reopened it was sent or saved
    /// as a draft. A refused one's form may then be sent again (it was never sent); a taken-back one's older form is
    /// remembered as withdrawn, so that only the new version leaves.
    /// </summary>
    bool RemoveTakenBack(string id, string identifier);

    /// <summary>Forgets forms handed over longer than <paramref name="olderThan"/> ago whose message is no longer in the outbox.</summary>
    int PruneForms(TimeSpan olderThan);

    /// <summary>Sources left without their message by a crash between two writes; returns how many were deleted.</summary>
    int DeleteOrphanSources();
}

/// <summary>
/// The outbox in LiteDB (one instance): one small document per message and its source in LiteDB file storage (a
/// message can exceed a document's 16 MB). Every state change is a compare-and-set under one lock: LiteDB's direct mode
/// gives this process sole use of the file, so a process-wide lock is enough to make each transition atomic, the
/// form's claim included.
/// </summary>
public sealed class LiteDbOutboxStore : IOutboxStore
{
    internal const string Purpose = "WebmailLite.Outbox.v1";

    private readonly ILiteCollection<OutboxItem> _items;
    private readonly ILiteStorage<string> _sources;
    private readonly ILiteCollection<SentForm> _forms;
    private readonly IDataProtectionProvider _protection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public LiteDbOutboxStore(AppDatabase database, IDataProtectionProvider protection, TimeProvider time)
    {
        _items = database.Collection<OutboxItem>("outbox");
        _items.EnsureIndex(i => i.Owner);
        _items.EnsureIndex(i => i.NextAttemptAt);
        _sources = database.Database.GetStorage<string>("outbox_files", "outbox_chunks");
        _forms = database.Collection<SentForm>("outbox_forms");
        _forms.EnsureIndex(f => f.At);
        _protection = protection;
        _time = time;
    }

    /// <summary>Stores a message about to be sent, already leased to <paramref name="leaseOwner"/> (state Sending).</summary>
    public OutboxItem Add(string identifier, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease)
    {
        lock (_gate)
        {
            return Insert(identifier, null, message, source, leaseOwner, lease);
        }
    }

    /// <summary>
    /// Claims compose form <paramref name="formId"/> of this person and stores its message as <see cref="Add"/> does;
    /// <c>null</c>, storing nothing, when that form was handed over before (<see cref="FindForm"/> says where it is).
    /// </summary>
    public OutboxItem? TryAddForm(string identifier, string formId, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease)
    {
        lock (_gate)
        {
            return FindForm(identifier, formId) is null ? Insert(identifier, formId, message, source, leaseOwner, lease) : null;
        }
    }

    /// <summary>Where the message of this person's form is, or <c>null</c> when the form was never handed over (or forgotten).</summary>
    public SentFormStatus? FindForm(string identifier, string formId)
    {
        var owner = Mail.Owner.Of(identifier);
        // The item first: it exists from the claim until the message is done with, even if the app stopped between
        // the two writes of Insert or Complete.
        if (FindItemOfForm(owner, formId) is not null)
        {
            return new SentFormStatus(FormStage.InOutbox);
        }
        return _forms.FindById(FormKey(owner, formId)) switch
        {
            null => null,
            { Withdrawn: true } => new SentFormStatus(FormStage.Withdrawn),
            var record => new SentFormStatus(FormStage.Sent, record.SentFolder),
        };
    }

    private OutboxItem Insert(string identifier, string? formId, MimeMessage message, byte[] source, string leaseOwner, TimeSpan lease)
    {
        var now = Now;
        var item = OutboxItem.NewLeased(ObjectId.NewObjectId().ToString(), identifier, formId, message, source.LongLength, now, leaseOwner, lease);
        // The source first: an item that exists always has its message.
        using (var stream = new MemoryStream(Protector(item.Owner).Protect(source), writable: false))
        {
            _sources.Upload(item.Id, item.Id, stream);
        }
        _items.Insert(item);
        if (formId is not null)
        {
            _forms.Upsert(new SentForm { Id = FormKey(item.Owner, formId), Owner = item.Owner, FormId = formId, MessageId = item.MessageId, At = now });
        }
        return item;
    }

    /// <summary>The MIME source, or <c>null</c> when it cannot be read (keys lost).</summary>
    public byte[]? ReadSource(OutboxItem item)
    {
        var file = _sources.FindById(item.Id);
        if (file is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        try
        {
            return Protector(item.Owner).Unprotect(buffer.ToArray());
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public OutboxItem? Find(string id) => _items.FindById(id);

    /// <summary>This person's messages, oldest first.</summary>
    public IReadOnlyList<OutboxItem> ListFor(string identifier)
    {
        var owner = Mail.Owner.Of(identifier);
        return _items.Find(i => i.Owner == owner).Where(i => i.Owner == owner).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToList();
    }

    public int CountFor(string identifier)
    {
        var owner = Mail.Owner.Of(identifier);
        return _items.Count(i => i.Owner == owner);
    }

    /// <summary>
    /// For the operators: how many messages wait to leave (waiting or being sent) and when the oldest of them was
    /// written; <c>null</c> when none waits. Refused, interrupted and taken-back messages wait for their owner, not for
    /// the server, and are not counted.
    /// </summary>
    public (int Count, DateTime? OldestCreatedAt) Backlog()
    {
        var waiting = _items.Find(i => i.State == OutboxState.Waiting || i.State == OutboxState.Sending || i.State == OutboxState.Accepted)
            .Select(i => i.CreatedAt)
            .ToList();
        return (waiting.Count, waiting.Count == 0 ? null : waiting.Min());
    }

    /// <summary>
    /// Messages a background pass may take now: waiting and due; being sent by an attempt whose lease ran out (a crash
    /// or restart: to be settled, see <see cref="OutboxSender"/>); accepted but not yet copied to Envoyés, and due.
    /// </summary>
    public IReadOnlyList<OutboxItem> Due()
    {
        var now = Now;
        return _items.Find(i => i.NextAttemptAt <= now).Where(i => IsTakeable(i, now)).OrderBy(i => i.NextAttemptAt).ToList();
    }

    /// <summary>Takes the lease if the message is still takeable; <c>null</c> if someone else has it or it moved on.</summary>
    public OutboxItem? TryLease(string id, string leaseOwner, TimeSpan lease)
    {
        lock (_gate)
        {
            var now = Now;
            var item = _items.FindById(id);
            if (item is null || !IsTakeable(item, now))
            {
                return null;
            }
            if (item.State == OutboxState.Waiting)
            {
                item.State = OutboxState.Sending;
            }
            item.LeaseOwner = leaseOwner;
            item.LeaseUntil = now + lease;
            _items.Update(item);
            return item;
        }
    }

    /// <summary>The server accepted the message: it is never submitted again. False if the lease was lost meanwhile.</summary>
    public bool MarkAccepted(string id, string leaseOwner) => Change(id, leaseOwner, item =>
    {
        if (item.State != OutboxState.Sending)
        {
            return false;
        }
        item.State = OutboxState.Accepted;
        item.Problem = null;
        item.ServerText = null;
        return true;
    });

    /// <summary>Gives the lease back after a failure; a Sending message waits again, an Accepted one keeps its state.</summary>
    public bool Release(string id, string leaseOwner, SendProblem? problem, string? serverText, DateTime nextAttemptAt) => Change(id, leaseOwner, item =>
    {
        if (item.State == OutboxState.Sending)
        {
            item.State = OutboxState.Waiting;
        }
        item.Attempts++;
        item.Problem = problem;
        item.ServerText = serverText;
        item.NextAttemptAt = nextAttemptAt;
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        return true;
    });

    /// <summary>Refused for good in the background: kept, with the reason, until the person takes it back.</summary>
    public bool MarkRefused(string id, string leaseOwner, string? serverText) => Change(id, leaseOwner, item =>
    {
        if (item.State != OutboxState.Sending)
        {
            return false;
        }
        item.State = OutboxState.Refused;
        item.Attempts++;
        item.Problem = SendProblem.Refused;
        item.ServerText = serverText;
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        return true;
    });

    /// <summary>
    /// Sending, its attempt cut off, and no copy in Envoyés: whether the server took it cannot be known. It is not
    /// taken again by any pass; its owner decides (<see cref="TakeInterrupted"/>, <see cref="Withdraw"/>).
    /// </summary>
    public bool MarkInterrupted(string id, string leaseOwner) => Change(id, leaseOwner, item =>
    {
        if (item.State != OutboxState.Sending)
        {
            return false;
        }
        item.State = OutboxState.Interrupted;
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        return true;
    });

    /// <summary>An interrupted message could not be settled now (Envoyés could not be read): stays Sending, looked at again after <paramref name="nextAttemptAt"/>.</summary>
    public bool Postpone(string id, string leaseOwner, DateTime nextAttemptAt) => Change(id, leaseOwner, item =>
    {
        if (item.State != OutboxState.Sending)
        {
            return false;
        }
        item.Attempts++;
        item.NextAttemptAt = nextAttemptAt;
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        return true;
    });

    /// <summary>Its owner chose « Envoyer quand même » for an interrupted message: leased for one attempt, or <c>null</c>.</summary>
    public OutboxItem? TakeInterrupted(string id, string identifier, string leaseOwner, TimeSpan lease)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            var item = _items.FindById(id);
            if (item is null || item.Owner != owner || item.State != OutboxState.Interrupted)
            {
                return null;
            }
            item.State = OutboxState.Sending;
            item.LeaseOwner = leaseOwner;
            item.LeaseUntil = Now + lease;
            _items.Update(item);
            return item;
        }
    }

    /// <summary>Its owner chose « Retirer » for an interrupted message: gone, and its form is never sent again. <c>null</c> when it is not an interrupted message of theirs.</summary>
    public OutboxItem? Withdraw(string id, string identifier)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            var item = _items.FindById(id);
            if (item is null || item.Owner != owner || item.State != OutboxState.Interrupted)
            {
                return null;
            }
            RememberForm(item, sentFolder: null, withdrawn: true);
            DeleteItem(id);
            return item;
        }
    }

    /// <summary>This person's message, or <c>null</c> when it is gone or someone else's.</summary>
    public OutboxItem? FindOwned(string id, string identifier) =>
        _items.FindById(id) is { } item && item.Owner == Mail.Owner.Of(identifier) ? item : null;

    /// <summary>
    /// « Modifier »: a waiting message of this person's leaves every background pass (<see cref="OutboxState.TakenBack"/>)
    /// to be reopened in the compose form. Under the lock that <see cref="TryLease"/> takes, so it is either taken back
    /// here, never to be sent in this version, or leased for an attempt first and then refused here: never both.
    /// </summary>
    public TakeBackOutcome TakeBack(string id, string identifier) => ChangeOwned(id, identifier, item =>
    {
        // Refused and already taken back: nothing to withdraw, the compose form reopens it as it is.
        if (item.State == OutboxState.Waiting)
        {
            item.State = OutboxState.TakenBack;
            _items.Update(item);
        }
    });

    /// <summary>
    /// « Annuler l'envoi »: a message of this person's not being sent is removed, and its form remembered as withdrawn so
    /// that posting that form again (the back button) does not send it either. Atomic against a lease like <see cref="TakeBack"/>.
    /// </summary>
    public TakeBackOutcome Cancel(string id, string identifier) => ChangeOwned(id, identifier, item =>
    {
        RememberForm(item, sentFolder: null, withdrawn: true);
        DeleteItem(item.Id);
    });

    /// <summary>A refused or taken-back message of this person's, to reopen in the compose form; <c>null</c> otherwise.</summary>
    public OutboxItem? FindTakenBack(string id, string identifier) =>
        FindOwned(id, identifier) is { State: OutboxState.Refused or OutboxState.TakenBack } item ? item : null;

    /// <summary>Sent, and its copy is in <paramref name="sentFolder"/>: removed; its form is remembered as sent.</summary>
    public void Complete(string id, string sentFolder)
    {
        lock (_gate)
        {
            if (_items.FindById(id) is { } item)
            {
                // The record before the item goes: a form is never found nowhere.
                RememberForm(item, sentFolder, withdrawn: false);
            }
            DeleteItem(id);
        }
    }

    /// <summary>Refused on the spot, back to the form: removed, and the form's claim released so the corrected form can be sent.</summary>
    public void Remove(string id)
    {
        lock (_gate)
        {
            if (_items.FindById(id) is { FormId: { } formId } item)
            {
                _forms.Delete(FormKey(item.Owner, formId));
            }
            DeleteItem(id);
        }
    }

    /// <summary>
    /// Removes a refused or taken-back message of this person's, once the compose form that reopened it was sent or saved
    /// as a draft. A refused one's form may then be sent again (it was never sent); a taken-back one's older form is
    /// remembered as withdrawn, so that only the new version leaves.
    /// </summary>
    public bool RemoveTakenBack(string id, string identifier)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            var item = _items.FindById(id);
            if (item is null || item.Owner != owner || item.State is not (OutboxState.Refused or OutboxState.TakenBack))
            {
                return false;
            }
            if (item.State == OutboxState.TakenBack)
            {
                RememberForm(item, sentFolder: null, withdrawn: true);
            }
            else if (item.FormId is { } formId)
            {
                _forms.Delete(FormKey(owner, formId));
            }
            DeleteItem(id);
            return true;
        }
    }

    /// <summary>Forgets forms handed over longer than <paramref name="olderThan"/> ago whose message is no longer in the outbox.</summary>
    public int PruneForms(TimeSpan olderThan)
    {
        var limit = Now - olderThan;
        var pruned = 0;
        lock (_gate)
        {
            foreach (var record in _forms.Find(f => f.At < limit).ToList())
            {
                if (FindItemOfForm(record.Owner, record.FormId) is null)
                {
                    _forms.Delete(record.Id);
                    pruned++;
                }
            }
        }
        return pruned;
    }

    /// <summary>Sources left without their document by a crash between the two writes of <see cref="Add"/> or <see cref="Remove"/>.</summary>
    public int DeleteOrphanSources()
    {
        var orphans = _sources.FindAll().Select(f => f.Id).Where(id => _items.FindById(id) is null).ToList();
        foreach (var id in orphans)
        {
            _sources.Delete(id);
        }
        return orphans.Count;
    }

    private bool Change(string id, string leaseOwner, Func<OutboxItem, bool> change)
    {
        lock (_gate)
        {
            var item = _items.FindById(id);
            if (item is null || item.LeaseOwner != leaseOwner || !change(item))
            {
                return false;
            }
            return _items.Update(item);
        }
    }

    /// <summary>One place for the owner's two take-back actions: found, theirs, and no attempt started (<see cref="OutboxItem.CanBeTakenBack"/>).</summary>
    private TakeBackOutcome ChangeOwned(string id, string identifier, Action<OutboxItem> change)
    {
        var owner = Mail.Owner.Of(identifier);
        lock (_gate)
        {
            var item = _items.FindById(id);
            if (item is null || item.Owner != owner)
            {
                return new TakeBackOutcome(TakeBackStatus.NotFound);
            }
            if (!item.CanBeTakenBack)
            {
                return new TakeBackOutcome(TakeBackStatus.SendingStarted, item);
            }
            change(item);
            return new TakeBackOutcome(TakeBackStatus.Done, item);
        }
    }

    private static bool IsTakeable(OutboxItem item, DateTime now) => item.State switch
    {
        OutboxState.Waiting => item.NextAttemptAt <= now,
        // NextAttemptAt matters only once an interrupted attempt could not be settled (Postpone).
        OutboxState.Sending => !item.IsLeased(now) && item.NextAttemptAt <= now,
        OutboxState.Accepted => !item.IsLeased(now) && item.NextAttemptAt <= now,
        _ => false,
    };

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private OutboxItem? FindItemOfForm(string owner, string formId) =>
        // LiteDB's collation ignores case; a form id does not.
        _items.Find(i => i.Owner == owner).FirstOrDefault(i => i.Owner == owner && string.Equals(i.FormId, formId, StringComparison.Ordinal));

    private void RememberForm(OutboxItem item, string? sentFolder, bool withdrawn)
    {
        if (item.FormId is not { } formId)
        {
            return;
        }
        _forms.Upsert(new SentForm
        {
            Id = FormKey(item.Owner, formId),
            Owner = item.Owner,
            FormId = formId,
            MessageId = item.MessageId,
            SentFolder = sentFolder,
            Withdrawn = withdrawn,
            At = Now,
        });
    }

    private void DeleteItem(string id)
    {
        _items.Delete(id);
        _sources.Delete(id);
    }

    internal static string FormKey(string owner, string formId) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner + "\n" + formId)));

    private IDataProtector Protector(string owner) => _protection.CreateProtector(Purpose, owner);
}

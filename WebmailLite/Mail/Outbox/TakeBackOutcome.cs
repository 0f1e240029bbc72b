namespace WebmailLite.Mail.Outbox;

public enum TakeBackStatus
{
    /// <summary>Done: cancelled (gone), or taken back into the compose form (<see cref="OutboxState.TakenBack"/>).</summary>
    Done,

    /// <summary>Its sending has started (or it has left): nothing was changed, and the outbox page says where it is.</summary>
    SendingStarted,

    /// <summary>No such message of this person's in the outbox (sent meanwhile, cancelled in another tab, or someone else's).</summary>
    NotFound,
}

/// <summary>What became of a request by its owner to cancel a waiting message or take it back; the item as it was, for its subject.</summary>
public sealed record TakeBackOutcome(TakeBackStatus Status, OutboxItem? Item = null);

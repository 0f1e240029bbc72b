namespace WebmailLite.Mail.Outbox;

public enum SendOutcomeKind
{
    /// <summary>The server accepted it.</summary>
    Sent,

    /// <summary>Not sent yet, for a reason that is not the person's: it waits in the outbox and will be retried.</summary>
    Queued,

    /// <summary>Refused for good (5xx): back to the person, with the server's reason.</summary>
    Refused,

    /// <summary>Nothing done: this compose form was handed to the outbox before (<see cref="IOutboxStore.FindForm"/> says where it is).</summary>
    AlreadyHandedOver,
}

/// <param name="CopiedToSent">False when the copy to Envoyés could not be made yet (it is retried from the outbox).</param>
/// <param name="SentFolder">Full name of the folder the copy went to, for a link to it.</param>
public sealed record SendOutcome(
    SendOutcomeKind Kind,
    SendProblem? Problem = null,
    string? ServerText = null,
    IReadOnlyList<RefusedRecipient>? RefusedRecipients = null,
    bool CopiedToSent = true,
    string? SentFolder = null)
{
    public IReadOnlyList<RefusedRecipient> Refused => RefusedRecipients ?? [];
}

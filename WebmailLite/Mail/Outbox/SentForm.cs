namespace WebmailLite.Mail.Outbox;

/// <summary>
/// A compose form handed to the outbox: the claim that lets it leave once. Written with its outbox item and kept after
/// the item is gone (<see cref="Compose.ComposeOptions.SentFormMemory"/>), so that the same form posted again (double
/// click, « Renvoyer le formulaire », the back button) is answered with where its message is, never sent again.
/// Keyed by a hash of owner and form id: LiteDB compares strings ignoring case, a form id does not.
/// </summary>
public sealed class SentForm
{
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string FormId { get; set; } = "";
    public string MessageId { get; set; } = "";

    /// <summary>Where its copy went once sent; <c>null</c> before, or when it was not found.</summary>
    public string? SentFolder { get; set; }

    /// <summary>Its owner took it out of the outbox after an interrupted attempt (it may or may not have left).</summary>
    public bool Withdrawn { get; set; }

    public DateTime At { get; set; }
}

/// <summary>Where the message of a form already handed to the outbox is now.</summary>
public enum FormStage
{
    /// <summary>Still in the outbox (being sent, waiting, interrupted or refused): the outbox page says which.</summary>
    InOutbox,

    /// <summary>Sent and gone from the outbox; <see cref="SentFormStatus.SentFolder"/> holds its copy when known.</summary>
    Sent,

    /// <summary>Taken out of the outbox by its owner after an interrupted attempt.</summary>
    Withdrawn,
}

public sealed record SentFormStatus(FormStage Stage, string? SentFolder = null);

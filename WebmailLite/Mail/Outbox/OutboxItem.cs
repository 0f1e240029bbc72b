using LiteDB;

namespace WebmailLite.Mail.Outbox;

/// <summary>
/// Where a message of the outbox stands. The transitions, each one compare-and-set in <see cref="IOutboxStore"/>:
/// <code>
/// (sent from the form) ──► Sending ──accepted──► Accepted ──copied to Envoyés──► (removed, its form remembered)
///                            │  ▲                   │ copy failed: stays Accepted, only the copy is retried
///       temporary failure    ▼  │ lease taken        ▼ (Envoyés is looked at first: a copy already there is not made again)
///                          Waiting ◄───────────────┘
///                            │ permanent refusal (5xx) found in the background
///                            ▼
///                          Refused  (shown with the server's reason until the person takes it back)
///
/// Waiting ──« Modifier »──► TakenBack (never taken by a pass; reopened in the compose form; removed once the new
///                                       version is sent or saved as a draft)
/// Waiting, TakenBack, Refused ──« Annuler l'envoi »──► (removed, its form remembered as withdrawn: it never leaves)
/// Sending, Accepted, Interrupted: neither « Modifier » nor « Annuler l'envoi » — its sending has started.
///
/// Sending, its attempt cut off (the app stopped; its lease ran out) ──copy found in Envoyés──► (removed: it had left)
///                            │ no copy there: whether the server took it cannot be known
///                            ▼
///                          Interrupted ──« Envoyer quand même »──► Sending
///                                      ──« Retirer »─────────────► (removed, its form remembered)
/// </code>
/// Accepted is written right after the server's final « 250 »: from then on the message is never submitted again.
/// A crash between that answer and this write leaves it Sending with nothing to tell whether it left (the copy to
/// Envoyés comes after): it is not sent again on a guess, the person decides (see <see cref="OutboxSender"/>).
/// </summary>
public enum OutboxState
{
    Waiting,
    Sending,
    Accepted,
    Refused,

    /// <summary>An attempt was cut off and nothing says whether the server took it: waits for its owner's decision.</summary>
    Interrupted,

    /// <summary>Its owner chose « Modifier » while it waited: out of every pass, it lives on in the compose form.</summary>
    TakenBack,
}

/// <summary>One message of the outbox; its MIME source is stored apart, encrypted.</summary>
public sealed class OutboxItem
{
    /// <summary>
    /// A message just handed over, leased at once to the request that sends it (both stores create items so): its
    /// recipients as a line to show, its size, due now.
    /// </summary>
    public static OutboxItem NewLeased(string id, string identifier, string? formId, MimeKit.MimeMessage message, long size, DateTime now, string leaseOwner, TimeSpan lease) => new()
    {
        Id = id,
        Owner = Mail.Owner.Of(identifier),
        MessageId = message.MessageId ?? "",
        FormId = formId,
        Subject = message.Subject ?? "",
        Recipients = string.Join(", ", message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => string.IsNullOrWhiteSpace(m.Name) ? m.Address : m.Name)),
        Size = size,
        CreatedAt = now,
        State = OutboxState.Sending,
        NextAttemptAt = now,
        LeaseOwner = leaseOwner,
        LeaseUntil = now + lease,
    };

    public string Id { get; set; } = "";

    /// <summary><see cref="Mail.Owner.Of"/> of the identifier that sent it: only that person's session sends it and sees it.</summary>
    public string Owner { get; set; } = "";

    public string MessageId { get; set; } = "";

    /// <summary>The compose form it came from (<see cref="Compose.ComposeForm.FormId"/>), which is sent once: <c>null</c> for others.</summary>
    public string? FormId { get; set; }
    public string Subject { get; set; } = "";

    /// <summary>To, Cc and Bcc as a line to show (« Hélène Dubois, k.benali@… »).</summary>
    public string Recipients { get; set; } = "";

    public long Size { get; set; }
    public DateTime CreatedAt { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>Why the last attempt failed; <c>null</c> before any failure.</summary>
    public SendProblem? Problem { get; set; }

    /// <summary>The server's words about it, when it gave some.</summary>
    public string? ServerText { get; set; }

    /// <summary>
    /// Whether its owner may still cancel it or take it back to change it: only while no attempt has started, since an
    /// attempt under way may already have reached the server. The rule <see cref="IOutboxStore"/> applies atomically with its change (TakeBack, Cancel).
    /// </summary>
    [BsonIgnore]
    public bool CanBeTakenBack => State is OutboxState.Waiting or OutboxState.TakenBack or OutboxState.Refused;

    [BsonIgnore]
    public bool IsLeased(DateTime now) => LeaseUntil is { } until && until > now;
}

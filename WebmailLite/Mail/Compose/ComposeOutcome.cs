namespace WebmailLite.Mail.Compose;

/// <summary>The fields of the compose form an error can point to; <c>null</c> in <see cref="ComposeError"/> is the form as a whole.</summary>
public enum ComposeField
{
    To,
    Cc,
    Bcc,
    Files,
}

/// <summary>Something the person must correct, in their language, and the field it is about.</summary>
public sealed record ComposeError(ComposeField? Field, string Message);

public enum ComposeOutcomeKind
{
    /// <summary>Nothing sent or saved: <see cref="ComposeOutcome.Errors"/> say what to correct; everything typed is kept.</summary>
    Invalid,

    /// <summary>Accepted by the sending server; or, posted again, the form's message had left before (the banner says so).</summary>
    Sent,

    /// <summary>Safely in the outbox, to be retried; or, posted again, the form's message is in the outbox (the banner says so).</summary>
    Queued,

    /// <summary>Saved to Brouillons; <see cref="ComposeOutcome.DraftUid"/> reopens it (null: the server gave no UID, the form stays).</summary>
    DraftSaved,
}

/// <summary>What a post of the compose form did, and the one-shot sentence to show where the person lands.</summary>
public sealed record ComposeOutcome(
    ComposeOutcomeKind Kind,
    IReadOnlyList<ComposeError> Errors,
    string? Banner = null,
    string? SentFolder = null,
    uint? DraftUid = null)
{
    public static ComposeOutcome Invalid(IReadOnlyList<ComposeError> errors) => new(ComposeOutcomeKind.Invalid, errors);
}

/// <summary>What opening the compose form found.</summary>
public sealed record ComposeStart(
    bool OriginalMissing = false,
    bool DraftMissing = false,
    bool Resumed = false,
    bool Restored = false,
    IReadOnlyList<string>? KeptFilesLost = null,
    bool MoreKept = false,
    bool TakenBack = false);

/// <summary>What the compose page was opened for, from its query string.</summary>
public sealed record ComposeRequest(
    ComposeMode Mode,
    string OriginFolder,
    uint OriginalUid = 0,
    string? ResumeId = null,
    uint? DraftUid = null,
    bool OpenKept = false);

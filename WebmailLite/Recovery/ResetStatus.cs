namespace WebmailLite.Recovery;

public enum ResetStatus
{
    Changed,
    Refused,

    /// <summary>No valid grant (expired, used in another tab): the person starts again from the code.</summary>
    NoGrant,

    /// <summary>The directory could not be written; nothing changed and the person may try again.</summary>
    Failed,
}

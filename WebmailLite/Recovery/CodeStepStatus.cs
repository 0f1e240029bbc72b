namespace WebmailLite.Recovery;

/// <summary>What the code page tells apart. Wrong, expired and spent codes are one status on purpose (see the code page).</summary>
public enum CodeStepStatus
{
    /// <summary>The right code: consumed, and exchanged for a reset grant.</summary>
    Granted,

    /// <summary>Wrong, expired, killed, or no code at all for this identifier.</summary>
    Refused,

    Missing,

    /// <summary>Not 8 digits (spaces and dashes aside): a slip, not a guess, so no try is counted.</summary>
    BadFormat,

    /// <summary>Too many wrong codes from this client address lately: nothing was checked.</summary>
    TooManyAttempts,
}

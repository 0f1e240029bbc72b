namespace WebmailLite.Recovery;

/// <summary>The recovery steps <see cref="RecoveryThrottle"/> limits, each with its own counters.</summary>
public enum RecoveryStep
{
    /// <summary>Any answer to a personal question (each costs a slow hash): counted per client address.</summary>
    AnswerCheck,

    /// <summary>Asking for a code by mail (contact or backup address) or starting a journey.</summary>
    CodeRequest,

    /// <summary>Sending a request to the assistance desk.</summary>
    AssistanceRequest,

    /// <summary>A wrong code typed.</summary>
    WrongCode,

    /// <summary>Wrong answers to the personal questions.</summary>
    WrongAnswers,

    /// <summary>Asking, signed in, for a code to confirm a backup address (same limits as <see cref="CodeRequest"/>).</summary>
    BackupAddressRequest,
}

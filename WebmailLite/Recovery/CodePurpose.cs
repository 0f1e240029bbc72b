namespace WebmailLite.Recovery;

/// <summary>What a one-time code opens. A code of one purpose never satisfies another.</summary>
public enum CodePurpose
{
    /// <summary>Choosing a new password after « Mot de passe oublié ».</summary>
    PasswordReset,

    /// <summary>Proving that a newly registered backup address is really the person's.</summary>
    ConfirmBackupAddress,
}

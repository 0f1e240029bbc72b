namespace WebmailLite.Recovery;

/// <summary>The three ways « m'auto dépanner » gives a first code.</summary>
public enum RecoveryMethod
{
    /// <summary>A code sent to the contact address the administration holds.</summary>
    ContactMail,

    /// <summary>A code read out by an assistance agent after checking identity by phone.</summary>
    Assistance,

    /// <summary>Two personal questions, then a code sent to the backup address.</summary>
    BackupAddress,

    /// <summary>Signed in, with the current password (not a recovery method; used in the audit).</summary>
    SignedIn,
}

namespace WebmailLite.Recovery.Enrolment;

public sealed record BackupConfirmation(BackupConfirmationStatus Status, string? Address = null, string? Previous = null);

namespace WebmailLite.Recovery.Enrolment;

public sealed record BackupRemoval(BackupRemovalStatus Status, CurrentPasswordCheck? Current = null);

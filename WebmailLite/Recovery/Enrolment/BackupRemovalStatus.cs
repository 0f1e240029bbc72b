namespace WebmailLite.Recovery.Enrolment;

public enum BackupRemovalStatus { Removed, NothingToRemove, CurrentPasswordRefused }

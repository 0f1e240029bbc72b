namespace WebmailLite.Recovery.Enrolment;

public enum BackupConfirmationStatus { Confirmed, Missing, BadFormat, Wrong, Expired, Killed }

namespace WebmailLite.Recovery.Enrolment;

public enum PasswordChangeStatus { Changed, Refused, TooManyAttempts, Unavailable }

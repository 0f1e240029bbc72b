namespace WebmailLite.Recovery.Enrolment;

public enum PasswordChangeIssue { CurrentMissing, CurrentWrong, SameAsCurrent }

namespace WebmailLite.Recovery.Enrolment;

public sealed record BackupRequest(BackupRequestStatus Status, string? Address = null, TimeSpan Wait = default, CurrentPasswordCheck? Current = null);

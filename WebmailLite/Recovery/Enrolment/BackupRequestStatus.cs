namespace WebmailLite.Recovery.Enrolment;

/// <summary><see cref="CurrentPasswordRefused"/>: the address is fine, <see cref="BackupRequest.Current"/> says what is wrong.</summary>
public enum BackupRequestStatus { Sent, Missing, Invalid, OwnAddress, TooManyRequests, CurrentPasswordRefused }

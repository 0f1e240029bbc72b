namespace WebmailLite.Recovery.Enrolment;

public enum CurrentPasswordStatus
{
    /// <summary>Not checked yet: another field was refused first (no sign-in try is spent on a form to redo).</summary>
    NotChecked,
    Right,
    Missing,
    Wrong,
    TooManyAttempts,
    Unavailable,
}

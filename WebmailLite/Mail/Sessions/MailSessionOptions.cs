namespace WebmailLite.Mail.Sessions;

public sealed class MailSessionOptions
{
    public const string Section = "Session";

    /// <summary>Idle limit on a shared school terminal: short, so the next person never finds an open mailbox.</summary>
    public TimeSpan SharedIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan PersonalIdleTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// How long before the idle limit the page warns and offers « Rester connecté » (with JavaScript). WCAG 2.2.1 asks
    /// for at least 20 seconds to react; two minutes leave time to a screen reader user to hear the warning and act.
    /// </summary>
    public TimeSpan WarningBefore { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Hard limit from sign-in, whatever the activity.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How often expired sessions are swept and logged out of IMAP.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after a session ended the app still knows whose it was (a hash of its id and the identifier, in LiteDB):
    /// a compose form posted with that expired cookie within this time is kept for its owner.
    /// </summary>
    public TimeSpan EndedSessionMemory { get; set; } = TimeSpan.FromHours(24);
}

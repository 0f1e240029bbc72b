using Microsoft.Extensions.Options;

namespace WebmailLite.Recovery.Enrolment;

/// <summary>
/// The invitation on the mail pages to prepare recovery (« Préparez votre compte en 2 minutes »): shown while the
/// account has no confirmed backup address — the one method that lets a person get back in alone at any hour — unless
/// they chose « Plus tard » less than <see cref="RecoveryOptions.ReminderPostponement"/> ago. A backup address typed
/// but not yet confirmed by its code does not count: it cannot be used to recover yet.
/// </summary>
public sealed class EnrolmentReminder(IEnrolmentStore enrolments, IEnrolmentReminderStore postponements, IOptions<RecoveryOptions> options, TimeProvider time)
{
    public bool IsDue(string identifier) =>
        enrolments.Find(identifier)?.BackupAddress is null
        && !(postponements.PostponedUntil(identifier) is { } until && until > Now);

    /// <summary>« Plus tard »: not shown again to this person, in any browser, for the configured time.</summary>
    public void Postpone(string identifier) => postponements.Postpone(identifier, Now + options.Value.ReminderPostponement);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

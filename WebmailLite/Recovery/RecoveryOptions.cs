using System.ComponentModel.DataAnnotations;

namespace WebmailLite.Recovery;

/// <summary>The recovery rules (configuration section <c>Recovery</c>). Defaults are the policy the README explains.</summary>
public sealed class RecoveryOptions : IValidatableObject
{
    public const string Section = "Recovery";

    /// <summary>Never more than a day, whatever the configuration says: a code is a key to the account.</summary>
    public static readonly TimeSpan MaxCodeLifetime = TimeSpan.FromHours(24);

    /// <summary>Codes sent by mail (contact address, backup address, confirming a backup address).</summary>
    public TimeSpan MailCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Codes an agent reads out on the phone: the person may only get to a computer the next day.</summary>
    public TimeSpan AgentCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wrong tries that kill a code: 5 tries at 1 in 10⁸ each leave a guesser no real chance.</summary>
    public int MaxCodeAttempts { get; set; } = 5;

    /// <summary>How long a forgotten-password journey (identifier → code → new password) stays open in one browser.</summary>
    public TimeSpan JourneyLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After a right code, the time left to choose the new password.</summary>
    public TimeSpan ResetGrantLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Identifiers of the assistance desk: only they see the desk pages, once signed in.</summary>
    public string[] AssistanceAgents { get; set; } = [];

    /// <summary>New passwords: at least this many characters (and no composition rules, per NIST SP 800-63B).</summary>
    [Range(8, 64)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Requests for a code, per identifier, over <see cref="Window"/>.</summary>
    public int MaxRequestsPerIdentifier { get; set; } = 5;

    /// <summary>Requests of any step, per client address, over <see cref="Window"/> (a school shares one address).</summary>
    public int MaxRequestsPerAddress { get; set; } = 50;

    /// <summary>Wrong codes or answers, per client address, over <see cref="Window"/>.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>Wrong answers to the personal questions, per identifier, over <see cref="Window"/>.</summary>
    public int MaxAnswerFailuresPerIdentifier { get; set; } = 3;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long « Plus tard » puts off the invitation to prepare the account: long enough not to nag someone who chose,
    /// short enough that a person who never prepares it is asked again before they need it.
    /// </summary>
    public TimeSpan ReminderPostponement { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The least time a step that may send a code takes to answer (asking a code, the last question, a request to
    /// the desk, a code typed), so that the answer's timing does not tell a real account from a stranger's name.
    /// </summary>
    public TimeSpan MinimumResponseTime { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The floor for <see cref="AnswerHashIterations"/> unless <see cref="AllowWeakHashingForTests"/> is set.</summary>
    public const int MinimumAnswerHashIterations = 100_000;

    public const int MaximumAnswerHashIterations = 10_000_000;

    /// <summary>
    /// PBKDF2-SHA256 iterations for answers to personal questions (OWASP 2023: 600,000). Stored with each answer, so a
    /// change applies to answers saved from then on and older ones keep verifying.
    /// </summary>
    public int AnswerHashIterations { get; set; } = 600_000;

    /// <summary>
    /// Lets <see cref="AnswerHashIterations"/> go below <see cref="MinimumAnswerHashIterations"/>. Only the test suite
    /// sets it, to enrol and answer hundreds of times without paying the full hash each time. A setting rather than the
    /// host's environment name: it says what it does to whoever finds it in a configuration, a deployment that happens
    /// to be named « Testing » does not weaken anything by accident, and the production rule stays testable in the
    /// same test host.
    /// </summary>
    public bool AllowWeakHashingForTests { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderPostponement <= TimeSpan.Zero || ReminderPostponement > TimeSpan.FromDays(366))
        {
            yield return new ValidationResult("Recovery:ReminderPostponement must be between 0 and 366 days.", [nameof(ReminderPostponement)]);
        }
        if (MailCodeLifetime <= TimeSpan.Zero || MailCodeLifetime > MaxCodeLifetime)
        {
            yield return new ValidationResult("Recovery:MailCodeLifetime must be between 0 and 24 hours.", [nameof(MailCodeLifetime)]);
        }
        if (AgentCodeLifetime <= TimeSpan.Zero || AgentCodeLifetime > MaxCodeLifetime)
        {
            yield return new ValidationResult("Recovery:AgentCodeLifetime must be between 0 and 24 hours.", [nameof(AgentCodeLifetime)]);
        }
        if (MaxCodeAttempts is < 1 or > 10)
        {
            yield return new ValidationResult("Recovery:MaxCodeAttempts must be between 1 and 10.", [nameof(MaxCodeAttempts)]);
        }
        if (AnswerHashIterations > MaximumAnswerHashIterations)
        {
            yield return new ValidationResult(
                $"Recovery:AnswerHashIterations must be at most {MaximumAnswerHashIterations:N0} (it is {AnswerHashIterations:N0}).", [nameof(AnswerHashIterations)]);
        }
        else if (AnswerHashIterations < 1)
        {
            yield return new ValidationResult("Recovery:AnswerHashIterations must be a positive number.", [nameof(AnswerHashIterations)]);
        }
        else if (AnswerHashIterations < MinimumAnswerHashIterations && !AllowWeakHashingForTests)
        {
            yield return new ValidationResult(
                $"Recovery:AnswerHashIterations must be at least {MinimumAnswerHashIterations:N0} (it is {AnswerHashIterations:N0}); lower counts are for the test suite only (Recovery:AllowWeakHashingForTests).",
                [nameof(AnswerHashIterations)]);
        }
    }

    public bool IsAgent(string identifier) =>
        AssistanceAgents.Any(agent => string.Equals(agent.Trim(), identifier.Trim(), StringComparison.OrdinalIgnoreCase));
}

using System.ComponentModel.DataAnnotations;

namespace WebmailLite.Practice;

/// <summary>The practice mailbox (configuration section <c>Practice</c>), checked at start.</summary>
public sealed class PracticeOptions : IValidatableObject
{
    public const string Section = "Practice";

    /// <summary>The floor for <see cref="PasswordHashIterations"/> unless <see cref="AllowWeakHashingForTests"/> is set.</summary>
    public const int MinimumPasswordHashIterations = 100_000;

    /// <summary>
    /// PBKDF2-SHA256 iterations of new practice password hashes. Stored with each account, so a change applies to
    /// passwords set from then on and older accounts keep verifying.
    /// </summary>
    public int PasswordHashIterations { get; set; } = PracticeStore.Pbkdf2Iterations;

    /// <summary>
    /// Lets <see cref="PasswordHashIterations"/> go below <see cref="MinimumPasswordHashIterations"/>. Only the test
    /// suite sets it: every practice sign-in there would otherwise pay the full hash (about 0.7 s on a 2-core machine),
    /// hundreds of times. A deployment never needs it; the name says so to whoever finds it in a configuration.
    /// </summary>
    public bool AllowWeakHashingForTests { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PasswordHashIterations < 1)
        {
            yield return new ValidationResult("Practice:PasswordHashIterations must be a positive number.", [nameof(PasswordHashIterations)]);
        }
        else if (PasswordHashIterations < MinimumPasswordHashIterations && !AllowWeakHashingForTests)
        {
            yield return new ValidationResult(
                $"Practice:PasswordHashIterations must be at least {MinimumPasswordHashIterations:N0} (it is {PasswordHashIterations:N0}); lower counts are for the test suite only (Practice:AllowWeakHashingForTests).",
                [nameof(PasswordHashIterations)]);
        }
    }
}

namespace WebmailLite.Accounts;

/// <summary>Limits on failed sign-ins (configuration section <c>SignIn</c>), counted in LiteDB over a sliding window.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    public int MaxFailuresPerIdentifier { get; set; } = 5;

    /// <summary>Higher than per identifier: a staff room shares one public address behind the school's router.</summary>
    public int MaxFailuresPerAddress { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

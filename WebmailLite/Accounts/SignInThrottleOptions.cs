namespace WebmailLite.Accounts;

/// <summary>Limits on failed sign-ins (configuration section <c>SignIn</c>), counted in LiteDB over a sliding window.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    public int MaxFailuresPerIdentifier { get; set; } = 5;

    /// <summary>Higher than per identifier: a staff room shares one public address behind the school's router.</summary>
    public int MaxFailuresPerAddress { get; set; } = 30;

    /// <summary>Failures allowed to one browser holding a device cookie for the identifier it tries (instead of the two limits above).</summary>
    public int MaxFailuresPerDevice { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a device cookie is honoured; a new one is given at each sign-in on a personal computer.</summary>
    public TimeSpan DeviceLifetime { get; set; } = TimeSpan.FromDays(180);
}

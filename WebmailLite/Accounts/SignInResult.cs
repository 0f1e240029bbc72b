using WebmailLite.Mail;

namespace WebmailLite.Accounts;

/// <param name="Mailbox">With <see cref="SignInResultStatus.SignedIn"/>: the mailbox opened, owned by the caller.</param>
/// <param name="Wait">With <see cref="SignInResultStatus.TooManyAttempts"/>: the wait before the next try.</param>
/// <param name="Device">With <see cref="SignInResultStatus.SignedIn"/>, when asked for: the device token to give this browser.</param>
public sealed record SignInResult(SignInResultStatus Status, IMailbox? Mailbox = null, TimeSpan Wait = default, IssuedDeviceToken? Device = null)
{
    public static SignInResult BadCredentials { get; } = new(SignInResultStatus.BadCredentials);
    public static SignInResult Unavailable { get; } = new(SignInResultStatus.Unavailable);
    public static SignInResult TooManySessions { get; } = new(SignInResultStatus.TooManySessions);
    public static SignInResult AccountClosed { get; } = new(SignInResultStatus.AccountClosed);
    public static SignInResult SignedIn(IMailbox mailbox, IssuedDeviceToken? device) => new(SignInResultStatus.SignedIn, mailbox, Device: device);
    public static SignInResult TooManyAttempts(TimeSpan wait) => new(SignInResultStatus.TooManyAttempts, Wait: wait);
}

using WebmailLite.Mail;

namespace WebmailLite.Accounts;

/// <param name="Mailbox">With <see cref="SignInResultStatus.SignedIn"/>: the mailbox opened, owned by the caller.</param>
/// <param name="Wait">With <see cref="SignInResultStatus.TooManyAttempts"/>: the wait before the next try.</param>
public sealed record SignInResult(SignInResultStatus Status, IMailbox? Mailbox = null, TimeSpan Wait = default)
{
    public static SignInResult BadCredentials { get; } = new(SignInResultStatus.BadCredentials);
    public static SignInResult Unavailable { get; } = new(SignInResultStatus.Unavailable);
    public static SignInResult SignedIn(IMailbox mailbox) => new(SignInResultStatus.SignedIn, mailbox);
    public static SignInResult TooManyAttempts(TimeSpan wait) => new(SignInResultStatus.TooManyAttempts, Wait: wait);
}

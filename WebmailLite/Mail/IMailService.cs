namespace WebmailLite.Mail;

/// <summary>Opens a person's mailbox: the IMAP server when one is configured, the practice mailbox otherwise.</summary>
public interface IMailService
{
    /// <summary>True when this is the embedded practice mailbox (pages then show « Mode entraînement »).</summary>
    bool IsPractice { get; }

    /// <summary>
    /// Checks the credentials against the mail service and, on success, returns an open mailbox that the caller
    /// owns (and disposes, which logs out). Never throws for a wrong password or an unreachable server.
    /// </summary>
    Task<SignInOutcome> SignInAsync(string identifier, string password, CancellationToken cancellationToken);
}

public enum SignInStatus
{
    Success,

    /// <summary>Wrong identifier or password: deliberately one status, whether or not the account exists.</summary>
    BadCredentials,

    /// <summary>Unreachable, refusing, timing out or misconfigured (e.g. an invalid certificate).</summary>
    Unavailable,

    /// <summary>
    /// The server refused one more session for this person (IMAP <c>NO [LIMIT]</c>, which Dovecot sends only for the
    /// right password): not a wrong password, never counted as one.
    /// </summary>
    TooManySessions,
}

public sealed record SignInOutcome(SignInStatus Status, IMailbox? Mailbox)
{
    public static SignInOutcome BadCredentials { get; } = new(SignInStatus.BadCredentials, null);
    public static SignInOutcome Unavailable { get; } = new(SignInStatus.Unavailable, null);
    public static SignInOutcome TooManySessions { get; } = new(SignInStatus.TooManySessions, null);
    public static SignInOutcome Success(IMailbox mailbox) => new(SignInStatus.Success, mailbox);
}

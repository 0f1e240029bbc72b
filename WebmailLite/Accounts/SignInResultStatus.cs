namespace WebmailLite.Accounts;

public enum SignInResultStatus
{
    SignedIn,

    /// <summary>Wrong identifier or password: one status whether or not the account exists.</summary>
    BadCredentials,

    /// <summary>The mail server could not answer (unreachable, refusing, maintenance).</summary>
    Unavailable,

    /// <summary>Too many failures lately: the server was not asked, see <see cref="SignInResult.Wait"/>.</summary>
    TooManyAttempts,

    /// <summary>The mail server refused one more session for this person: not counted as a failure, the person can act on it (sign out elsewhere).</summary>
    TooManySessions,

    /// <summary>
    /// The mail server refused the account, and the directory says it is disabled or deleted, and the password given is
    /// its password: only then is the person told the account is closed, and pointed to the letter to the rectorat.
    /// </summary>
    AccountClosed,
}

namespace WebmailLite.Mail.Imap;

/// <summary>
/// The IMAP server refused the login for a reason that is not the credentials, named by its RFC 5530 response code:
/// never to be shown or counted as a wrong password.
/// </summary>
internal sealed class LoginRefusedException(string responseCode, Exception inner)
    : Exception($"The IMAP server refused the login with [{responseCode}].", inner)
{
    public string ResponseCode { get; } = responseCode;

    /// <summary>
    /// Dovecot's <c>mail_max_userip_connections</c> (10 by default): every session reaches IMAP from the app's address,
    /// so this is one person with too many sessions open, and Dovecot says it only after the password was right.
    /// </summary>
    public bool IsSessionLimit => ResponseCode == "LIMIT";

    /// <summary>
    /// The codes that say nothing about the password: LIMIT (too many sessions), UNAVAILABLE (the server's own back end
    /// is down), SERVERBUG, INUSE. Anything else, or no code at all, stays a refusal of the credentials, as before.
    /// </summary>
    public static bool IsNotAboutCredentials(string responseCode) =>
        responseCode is "LIMIT" or "UNAVAILABLE" or "SERVERBUG" or "INUSE";
}

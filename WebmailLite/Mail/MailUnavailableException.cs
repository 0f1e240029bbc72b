namespace WebmailLite.Mail;

/// <summary>
/// The mail service is unreachable, refusing or too slow. Pages turn it into « le service de messagerie ne
/// répond pas »; the inner exception is logged for administrators, never shown.
/// </summary>
public sealed class MailUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The server no longer accepts the session's credentials (changed elsewhere): the session must end.</summary>
public sealed class MailCredentialsRejectedException(string message, Exception? inner = null) : Exception(message, inner);

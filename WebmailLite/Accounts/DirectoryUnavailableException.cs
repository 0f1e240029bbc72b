namespace WebmailLite.Accounts;

/// <summary>
/// The académie's directory did not answer (down, unreachable, timed out, refused the app's account). For the person
/// it is the service being unavailable: the error page says so in plain words and offers to try again.
/// </summary>
public sealed class DirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

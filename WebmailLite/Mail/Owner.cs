namespace WebmailLite.Mail;

/// <summary>
/// The one normalisation of an identifier: trimmed and lower-cased, as Dovecot's <c>%Lu</c> compares them, so
/// « C.Martin » finds what « c.martin » left. It ties stored things to a person (outbox, compose files, recovery
/// codes and grants, practice accounts) and counts their attempts (<see cref="Storage.AttemptLimiter"/>): changing it
/// orphans what is stored.
/// </summary>
public static class Owner
{
    public static string Of(string identifier) => identifier.Trim().ToLowerInvariant();
}

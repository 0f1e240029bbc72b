namespace WebmailLite.Mail;

/// <summary>
/// The key that ties stored things (outbox, compose files) to a person: the identifier trimmed and lower-cased, as
/// Dovecot's <c>%Lu</c> and the practice store compare them, so « C.Martin » finds what « c.martin » left.
/// </summary>
public static class Owner
{
    public static string Of(string identifier) => identifier.Trim().ToLowerInvariant();
}

namespace WebmailLite.Mail;

/// <summary>The bounds of a search on the IMAP server (<c>Mail:Search</c>).</summary>
public sealed class MailSearchOptions
{
    public const int DefaultAccentWindow = 1000;

    /// <summary>
    /// IMAP SEARCH (RFC 3501) compares with the server's own rule: Dovecot without a full-text plugin folds case but
    /// not accents, so « eleves » does not find « élèves ». The subjects and senders of the newest this-many messages of
    /// a folder are also compared here, accents ignored (two header lines each, about 100 bytes a message, read once per
    /// session and folder): every search stays bounded whatever the folder's size, and the help says which messages
    /// this covers.
    /// 0 turns the local comparison off.
    /// </summary>
    public int AccentWindow { get; set; } = DefaultAccentWindow;

    /// <summary>
    /// How long a search in the text of the messages may take before the page says it takes too long and how to narrow
    /// it. At most 90 % of <see cref="MailOptions.Timeout"/> is used (a lower Mail:Timeout lowers it), so that the person
    /// hears « trop long » and not « le service ne répond pas ».
    /// </summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

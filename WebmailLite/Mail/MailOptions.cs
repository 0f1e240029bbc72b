namespace WebmailLite.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    public ImapEndpoint Imap { get; set; } = new() { Port = 993, Security = TransportSecurity.SslOnConnect };
    public ServerEndpoint Smtp { get; set; } = new() { Port = 587, Security = TransportSecurity.StartTls };

    /// <summary>Upper bound for connecting and for each command: a silent server never hangs a request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The domain of the académie's addresses: someone signed in as « cmartin » sends as « cmartin@{AddressDomain} ».
    /// An identifier that already contains « @ » is used as the address as it is.
    /// </summary>
    public string? AddressDomain { get; set; }

    /// <summary>Messages per page of a folder.</summary>
    public int PageSize { get; set; } = 25;

    public const int DefaultMessagePageBytes = 262_144;

    /// <summary>
    /// How much of a message's body one message page shows, in bytes of its source; the rest is behind « Afficher la
    /// suite » and « Télécharger le message ». It bounds what one view decodes, sanitizes and sends.
    /// </summary>
    public int MessagePageBytes { get; set; } = DefaultMessagePageBytes;

    /// <summary>Search bounds: <c>Mail:Search:AccentWindow</c>, <c>Mail:Search:BodyTimeout</c>.</summary>
    public MailSearchOptions Search { get; set; } = new();

    /// <summary>No IMAP host configured ⇒ the embedded practice mailbox.</summary>
    public bool UsePractice => string.IsNullOrWhiteSpace(Imap.Host);
}

public class ServerEndpoint
{
    public string? Host { get; set; }
    public int Port { get; set; }
    public TransportSecurity Security { get; set; }
}

public sealed class ImapEndpoint : ServerEndpoint
{
    /// <summary>
    /// A session's IMAP connection is closed after this long without use, and reopened at the next click with the
    /// password held in memory: the mail server then holds a process only for the people who are active, not for every
    /// signed-in session (15 minutes idle on a shared computer, an hour on a personal one). Zero keeps connections open
    /// for the whole session. The reconnection costs one login (a password verification on the server): see the README.
    /// </summary>
    public TimeSpan IdleRelease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>How the connection is protected. Certificates are always validated by the operating system's trust store.</summary>
public enum TransportSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

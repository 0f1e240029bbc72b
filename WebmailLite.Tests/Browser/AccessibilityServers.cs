namespace WebmailLite.Tests.Browser;

/// <summary>
/// The app set-ups the accessibility tests need, each started on first use and shared by the class: the real
/// Dovecot (with one failure enough to trigger « trop de tentatives »), the practice mailbox, a mail server that
/// refuses connections, and an announced maintenance.
/// </summary>
public sealed class AccessibilityServers : IDisposable
{
    private readonly Lazy<LiveServer> _dovecot = new(() => LiveServer.Dovecot(new()
    {
        ["SignIn:MaxFailuresPerIdentifier"] = "1",
        // Every browser test signs in from 127.0.0.1: the per-address limit must never be what a test trips over.
        ["SignIn:MaxFailuresPerAddress"] = "1000",
    }));

    private readonly Lazy<LiveServer> _practice = new(() => LiveServer.Practice());

    // Port 1 on loopback: nothing listens, the connection is refused at once (MailKit: SocketException).
    private readonly Lazy<LiveServer> _unavailable = new(() => new LiveServer(new Dictionary<string, string?>
    {
        ["Mail:Imap:Host"] = "127.0.0.1",
        ["Mail:Imap:Port"] = "1",
        ["Mail:Imap:Security"] = "None",
        ["Mail:Timeout"] = "00:00:05",
    }));

    private readonly Lazy<LiveServer> _maintenance = new(() => LiveServer.Dovecot(new()
    {
        ["Maintenance:Message"] = "La messagerie sera indisponible pendant la mise à jour des serveurs académiques.",
        ["Maintenance:Until"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    }));

    public LiveServer Dovecot => _dovecot.Value;

    public LiveServer Practice => _practice.Value;

    public LiveServer Unavailable => _unavailable.Value;

    public LiveServer Maintenance => _maintenance.Value;

    public void Dispose()
    {
        foreach (var server in new[] { _dovecot, _practice, _unavailable, _maintenance })
        {
            if (server.IsValueCreated)
            {
                server.Value.Dispose();
            }
        }
    }
}

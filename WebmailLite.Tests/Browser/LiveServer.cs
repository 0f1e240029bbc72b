using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port on loopback, for a real browser. It is a <see cref="WebmailFactory"/> itself (not
/// <c>WithWebHostBuilder</c>, which would return a new factory and silently drop the settings given here).
/// </summary>
public sealed class LiveServer : WebmailFactory
{
    public LiveServer(IDictionary<string, string?>? settings = null)
        : base(settings)
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Like <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseUrl { get; }

    public string Url(string pathAndQuery) => BaseUrl + pathAndQuery;

    /// <summary>The practice mailbox (no IMAP host configured).</summary>
    public static LiveServer Practice(Dictionary<string, string?>? more = null) => new(more);

    /// <summary>The test Dovecot and Postfix behind the app.</summary>
    public static LiveServer Dovecot(Dictionary<string, string?>? more = null) => new(WebmailFactory.DovecotSettings(more));
}

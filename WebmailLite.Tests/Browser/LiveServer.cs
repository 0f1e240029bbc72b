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
        // One at a time: the browser collections start their servers in parallel, and WebApplicationFactory finds the
        // app's host through a process-wide listener, so two starting at once can take each other's (seen in a full
        // run: « IServerAddressesFeature.Addresses cannot be modified after the server has started »).
        lock (Starting)
        {
            UseKestrel(0);
            StartServer();
        }
        BaseUrl = ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority);
        WarmUp();
    }

    /// <summary>
    /// The first request of a fresh app pays for JIT and start-up work, seconds on a busy machine; paid here, before
    /// any browser test starts its clock on a navigation (BrowserFixture.DefaultTimeoutMs). The browser collections start their apps at the
    /// same time, so this matters most at the start of a run.
    /// </summary>
    private void WarmUp()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in new[] { "/", "/aide" })
        {
            using var response = client.GetAsync(BaseUrl + path).GetAwaiter().GetResult();
        }
    }

    private static readonly object Starting = new();

    /// <summary>Like <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseUrl { get; }

    public string Url(string pathAndQuery) => BaseUrl + pathAndQuery;

    /// <summary>The practice mailbox (no IMAP host configured).</summary>
    public static LiveServer Practice(Dictionary<string, string?>? more = null) => new(more);

    /// <summary>The test Dovecot and Postfix behind the app.</summary>
    public static LiveServer Dovecot(Dictionary<string, string?>? more = null) => new(WebmailFactory.DovecotSettings(more));
}

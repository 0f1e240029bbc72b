using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// One headless Debian Chromium per browser test collection (starting it costs far more than a fresh context, and
/// each collection drives its own so that the two can run side by side). Playwright's own browsers are never
/// downloaded (no internet on the build machines): we point it at the system binary.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// Upper bound for any single wait in a browser test: a hang fails the test instead of the CI job. Not a speed
    /// check (benchmarks measure speed): with the suite running six classes at once on two cores, a navigation that
    /// takes 1 s alone was seen to pass 15 s, so the bound is 30 s.
    /// </summary>
    public const float DefaultTimeoutMs = 30_000;

    // The real binary starts faster than the /usr/bin/chromium wrapper script.
    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("WEBMAILLITE_CHROMIUM") is { Length: > 0 } fromEnv
            ? fromEnv
            : Candidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException("Chromium not found: apt-get install -y chromium (never `playwright install`).");
        // Expect(...) waits 5 s by default: too tight when the whole test suite shares the machine.
        Assertions.SetDefaultExpectTimeout(DefaultTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Timeout = 30_000,
            // Root in a container needs --no-sandbox; the rest keeps Chromium from phoning home (no network here)
            // and from adding requests that would blur the byte counts.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>
    /// A fresh context (own cookies and cache), French, at <paramref name="width"/> CSS pixels; relative URLs go
    /// to <paramref name="server"/> (none: only absolute URLs, for pages served by a route).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(LiveServer? server, int width = 1280, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server?.BaseUrl,
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        context.SetDefaultTimeout(DefaultTimeoutMs);
        context.SetDefaultNavigationTimeout(DefaultTimeoutMs);
        return context;
    }

    /// <summary>A page in a fresh context; closing the context is the caller's job (<c>await using</c> on it).</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(LiveServer? server, int width = 1280, bool javaScript = true)
    {
        var context = await NewContextAsync(server, width, javaScript);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(DefaultTimeoutMs);
        return (context, page);
    }
}

using Microsoft.Playwright;
using WebmailLite.Tests.Browser;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.ScreenReader;

/// <summary>
/// Orca following one Chromium window on a private X display (scripts/screen-reader.sh), once per test run: starting
/// it costs seconds, and Orca follows one window, so every screen-reader journey runs in this one window, one after
/// the other (<see cref="ScreenReaderCollection"/>). The rig is started here when scripts/test.sh has not, and then
/// stopped here too.
/// <para>Playwright is attached over DevTools only to set things up and to wait for navigations; what a person does
/// goes through <see cref="Keys"/> (real X events), and what they hear is <see cref="Speech"/>.</para>
/// </summary>
public sealed class ScreenReaderRig : IAsyncLifetime
{
    public const string DefaultDirectory = "/tmp/webmaillite-sr";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    private readonly string _script = RepositoryScript.Path("screen-reader.sh");
    private bool _startedHere;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ICDPSession? _devTools;
    private IPage? _page;
    private Speech? _speech;
    private RealKeys? _keys;

    public IPage Page => _page ?? throw NotStarted();

    public Speech Speech => _speech ?? throw NotStarted();

    public RealKeys Keys => _keys ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        try
        {
            await RepositoryScript.RunAsync(_script, "status", new Dictionary<string, string>(), ScriptTimeout);
        }
        catch (InvalidOperationException)
        {
            await RepositoryScript.RunAsync(_script, "start", new Dictionary<string, string>(), ScriptTimeout);
            _startedHere = true;
        }
        var directory = Environment.GetEnvironmentVariable("WEBMAILLITE_SR_DIR") is { Length: > 0 } configured ? configured : DefaultDirectory;
        var env = RepositoryScript.ReadEnvFile(Path.Combine(directory, "env"));
        _speech = new Speech(env["WEBMAILLITE_SR_SPEECH_LOG"]);
        _keys = new RealKeys(env["DISPLAY"]);

        Assertions.SetDefaultExpectTimeout(BrowserFixture.DefaultTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.ConnectOverCDPAsync(env["WEBMAILLITE_SR_CDP"], new() { Timeout = BrowserFixture.DefaultTimeoutMs });
        var context = _browser.Contexts[0];
        context.SetDefaultTimeout(BrowserFixture.DefaultTimeoutMs);
        context.SetDefaultNavigationTimeout(BrowserFixture.DefaultTimeoutMs);
        // A rig left running by an earlier run keeps its cookies: every run starts signed out.
        await context.ClearCookiesAsync();
        _page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        _devTools = await context.NewCDPSessionAsync(_page);
        await _page.GotoAsync("about:blank");
        // The window opens with the address bar focused; one click in the page gives the page the keyboard.
        await Keys.ClickAsync(640, 600);
    }

    /// <summary>
    /// JavaScript on or off for the pages loaded from now on in this window, as the browser setting does it (the
    /// DevTools call Playwright itself makes for <c>JavaScriptEnabled = false</c>).
    /// </summary>
    public Task SetJavaScriptAsync(bool enabled) =>
        _devTools!.SendAsync("Emulation.setScriptExecutionDisabled", new Dictionary<string, object> { ["value"] = !enabled });

    /// <summary>Forgets the session of the previous journey (sign-in cookies, recovery journey cookie).</summary>
    public Task ForgetCookiesAsync() => Page.Context.ClearCookiesAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            // Over DevTools this disconnects; the browser is the script's to stop.
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_startedHere)
        {
            await RepositoryScript.RunAsync(_script, "stop", new Dictionary<string, string>(), ScriptTimeout);
        }
    }

    private static InvalidOperationException NotStarted() => new("The screen-reader rig is not started.");
}

using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>What a person does on the pages, through the real form controls (works with JavaScript on or off).</summary>
public static class PageActions
{
    public static async Task SubmitSignInAsync(IPage page, string identifier, string password)
    {
        if (new Uri(page.Url).AbsolutePath != "/" || await page.Locator("#Input_Identifier").CountAsync() == 0)
        {
            await page.GotoAsync("/");
        }
        await page.Locator("#Input_Identifier").FillAsync(identifier);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await PageActions.WaitForLoadAsync(page);
    }

    /// <summary>Signs in and waits for the inbox.</summary>
    public static async Task SignInAsync(IPage page, string identifier, string password)
    {
        await SubmitSignInAsync(page, identifier, password);
        await PageActions.WaitForUrlAsync(page, url => url.AbsolutePath == "/courrier");
    }

    /// <summary>
    /// Waits until the page's address matches and its document has loaded. Playwright .NET's own <c>WaitForURLAsync</c>
    /// reads the address, then subscribes to navigations; its events arrive on another thread, so a navigation reported
    /// in between is missed and the wait runs out although the page is there (twice in full runs with both cores
    /// saturated: « Timeout 30000ms exceeded, waiting for navigation »). Short waits that read the address again each
    /// time close that gap; the whole wait keeps the usual limit.
    /// </summary>
    public static Task WaitForUrlAsync(IPage page, Func<Uri, bool> matches) =>
        RetryShortAsync(() => page.WaitForURLAsync(url => matches(new Uri(url)), new() { Timeout = ShortWaitMs }));

    /// <summary>The document's load event, read again on each short wait (the same gap as <see cref="WaitForUrlAsync"/>).</summary>
    public static Task WaitForLoadAsync(IPage page) =>
        RetryShortAsync(() => page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = ShortWaitMs }));

    private const float ShortWaitMs = 2_000;

    private static async Task RetryShortAsync(Func<Task> wait)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserFixture.DefaultTimeoutMs);
        while (true)
        {
            try
            {
                await wait();
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>
    /// With JavaScript on, htmx arrives when the person first reaches an enhanced form (js/htmx-on-demand.js); until
    /// then forms post as without JavaScript. Tests of the htmx path reach the form first and wait for it.
    /// </summary>
    public static async Task HtmxReadyAsync(IPage page)
    {
        await page.Locator("form[data-hx-post] button").First.FocusAsync();
        // htmx sets itself up, enhancing the page, before it defines window.htmx.
        await page.WaitForFunctionAsync("() => window.htmx !== undefined");
    }

    public static string MessageUrl(uint uid, string folder = "INBOX") =>
        $"/courrier/message?dossier={Uri.EscapeDataString(folder)}&uid={uid}";
}

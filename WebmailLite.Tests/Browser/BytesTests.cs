using System.Runtime.CompilerServices;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Byte budgets per page, counted by Chromium's network layer (deterministic, unlike timings): what a school on a
/// slow or metered link pays for each page. The app runs exactly as <see cref="WebmailFactory"/> sets it up
/// (environment "Testing", static web assets from the build output), so these tests also say whether that set-up
/// serves the stylesheet the way the published app does.
/// </summary>
[Collection(MailServerBrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "MailServer")]
public sealed class BytesTests(BrowserFixture browser, DovecotLiveServer fixture, ITestOutputHelper output)
{
    private const int SignInBudgetBytes = 10 * 1024;
    private const int SignInMaxRequests = 3;
    private const int InboxHtmlBudgetBytes = 14 * 1024;

    /// <summary>
    /// The same HTML uncompressed (a proxy that strips compression): 15 KB since each row names its checkbox by
    /// subject, sender and date and its subject is the row header (about 35 bytes a row, 60 once compressed); 16.5 KB
    /// since every signed-in page carries the session's time-limit warning (about 1.1 KB, at most 0.7 KB compressed, WCAG 2.2.1)
    /// and a reading page its refresh to the signed-out page for JavaScript off.
    /// </summary>
    private const int InboxHtmlDecodedBudgetBytes = 16 * 1024 + 512;

    /// <summary>The inbox opened with nothing cached: HTML, stylesheet and the htmx loader together within the first round trip.</summary>
    private const int InboxColdBudgetBytes = 14 * 1024;

    private LiveServer Server => fixture.Server;

    [Fact]
    public async Task SignIn_ColdCache_Within10KBAnd3Requests()
    {
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, "/");
        var warm = await meter.MeasureAsync(page, "/");

        output.WriteLine(cold.Report("Sign-in, cold cache"));
        output.WriteLine(warm.Report("Sign-in, warm cache (second visit, same context)"));
        output.WriteLine($"Stylesheet source size: {StylesheetSourceBytes()} bytes (wwwroot-assets/css/site.css)");
        Assert.NotNull(cold.Stylesheet);
        Assert.True(cold.TotalBytes <= SignInBudgetBytes, $"Sign-in cold: {cold.TotalBytes} bytes > {SignInBudgetBytes}.\n{cold.Report("cold")}");
        Assert.True(cold.Network.Count <= SignInMaxRequests, $"Sign-in cold: {cold.Network.Count} requests > {SignInMaxRequests}.\n{cold.Report("cold")}");
    }

    /// <summary>
    /// The stylesheet is fingerprinted: compressed on the wire and cached for a year without revalidation, so a
    /// second page costs its HTML only.
    /// </summary>
    [Fact]
    public async Task Stylesheet_CompressedAndImmutable_SoTheSecondVisitTakesItFromCacheAtZeroBytes()
    {
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, "/");
        var warm = await meter.MeasureAsync(page, "/");

        var figures = cold.Report("Sign-in, cold cache") + warm.Report("Sign-in, warm cache");
        output.WriteLine(figures);
        var coldCss = cold.Stylesheet ?? throw new Xunit.Sdk.XunitException("The sign-in page loaded no stylesheet:\n" + figures);
        Assert.True(coldCss.Status == 200, $"Stylesheet answered {coldCss.Status}.\n{figures}");
        Assert.True(coldCss.Header("content-encoding") is "br" or "gzip",
            $"Stylesheet not compressed (Content-Encoding « {coldCss.Header("content-encoding")} »).\n{figures}");
        // The header alone proves nothing: a gzip stream can be stored uncompressed. This CSS compresses to well
        // under half its size (gzip -9: about 36 %).
        Assert.True(coldCss.EncodedBodyBytes * 10 <= coldCss.DecodedBodyBytes * 6,
            $"Stylesheet body is {coldCss.EncodedBodyBytes} bytes on the wire for {coldCss.DecodedBodyBytes} decoded: labelled « {coldCss.Header("content-encoding")} » but not actually compressed.\n{figures}");
        var cacheControl = coldCss.Header("cache-control");
        Assert.True(cacheControl.Contains("max-age=31536000", StringComparison.Ordinal) && cacheControl.Contains("immutable", StringComparison.Ordinal),
            $"Stylesheet Cache-Control is « {cacheControl} », expected « max-age=31536000, immutable ».\n{figures}");

        // Second visit: the HTML again (no-store), the stylesheet from the browser cache at 0 bytes.
        var warmCss = warm.All.FirstOrDefault(r => r.Url == coldCss.Url);
        Assert.True(warmCss is null || (warmCss.FromCache && warmCss.EncodedBytes == 0),
            $"Warm visit fetched the stylesheet again ({warmCss?.Status}, {warmCss?.EncodedBytes} bytes, from cache: {warmCss?.FromCache}).\n{figures}");
        Assert.True(warm.TotalBytes <= cold.TotalBytes - coldCss.EncodedBytes,
            $"Warm sign-in {warm.TotalBytes} bytes > cold {cold.TotalBytes} minus stylesheet {coldCss.EncodedBytes}.\n{figures}");
    }

    [Fact]
    public async Task Inbox_25MessagesOfABusyMailbox_HtmlWithin14KBOnTheWireAndDecoded()
    {
        var account = await MailServer.Instance.CreateAccountAsync("octets");
        await MailServer.Instance.AppendManyAsync(account, TestMessages.Many(account, 32));
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        // As people arrive: from the sign-in page, which already brought the stylesheet.
        await PageActions.SignInAsync(page, account.Identifier, account.Password);
        var meter = await NetworkMeter.AttachAsync(page);

        var inbox = await meter.MeasureAsync(page, "/courrier");
        var again = await meter.MeasureAsync(page, "/courrier");

        output.WriteLine(inbox.Report("Inbox, 25 of 32 messages (stylesheet already cached by the sign-in page)"));
        output.WriteLine(again.Report("Inbox, second visit"));
        await Expect(page.Locator("main tbody tr")).ToHaveCountAsync(25);
        Assert.Contains("Boîte de réception : 32 messages, page 1 sur 2", inbox.Html, StringComparison.Ordinal);
        var document = inbox.Document;
        Assert.True(document.EncodedBytes <= InboxHtmlBudgetBytes,
            $"Inbox HTML on the wire: {document.EncodedBytes} bytes > {InboxHtmlBudgetBytes}.\n{inbox.Report("inbox")}");
        Assert.True(inbox.DecodedHtmlBytes <= InboxHtmlDecodedBudgetBytes,
            $"Inbox HTML decoded: {inbox.DecodedHtmlBytes} bytes > {InboxHtmlDecodedBudgetBytes} (what a browser without compression, or a proxy that strips it, receives).");
        output.WriteLine($"Inbox HTML: {document.EncodedBytes} bytes on the wire (Content-Encoding « {document.Header("content-encoding")} »), {inbox.DecodedHtmlBytes} bytes decoded.");
    }

    /// <summary>
    /// The inbox with nothing cached (a bookmark opened in a fresh browser with a live session): HTML, stylesheet and
    /// the small htmx loader, within 14 KB; htmx itself (17 KB) comes only when the person reaches a form it enhances.
    /// </summary>
    [Fact]
    public async Task Inbox_ColdCache_Within14KB_HtmxOnlyWhenUsed()
    {
        var account = await MailServer.Instance.CreateAccountAsync("octets-froid");
        await MailServer.Instance.AppendManyAsync(account, TestMessages.Many(account, 32));
        var (warmContext, signInPage) = await browser.NewPageAsync(Server);
        await using var _ = warmContext;
        await PageActions.SignInAsync(signInPage, account.Identifier, account.Password);

        var (coldContext, page) = await ColdPageAsync(warmContext);
        await using var __ = coldContext;
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, "/courrier");

        output.WriteLine(cold.Report("Inbox, cold cache, 25 of 32 messages"));
        Assert.Equal("/courrier", new Uri(page.Url).AbsolutePath);
        // The HTML, the stylesheet, the loader and the session's time-limit script (both deferred, cached immutably after); not htmx.
        Assert.True(cold.Network.Count <= 4, $"Inbox cold: {cold.Network.Count} requests, expected the HTML, the stylesheet, the htmx loader and the session script only.\n{cold.Report("cold")}");
        Assert.DoesNotContain(cold.Network, r => r.Url.Contains("htmx.min", StringComparison.Ordinal));
        Assert.True(cold.TotalBytes <= InboxColdBudgetBytes, $"Inbox cold: {cold.TotalBytes} bytes > {InboxColdBudgetBytes}.\n{cold.Report("cold")}");

        // Reaching the list's form brings htmx, once.
        await page.Locator("form[data-hx-post] button").First.FocusAsync();
        await page.WaitForFunctionAsync("() => window.htmx !== undefined");
    }

    /// <summary>
    /// « Préférences » opened with nothing cached, a signature saved: within 10 KB apart from the shared stylesheet
    /// (the issue's budget for a new page), and nothing but the page, the stylesheet and the session's time-limit script.
    /// </summary>
    [Fact]
    public async Task Preferences_ColdCache_Within10KBApartFromTheStylesheet()
    {
        var account = await MailServer.Instance.CreateAccountAsync("octets-prefs");
        var (warmContext, signInPage) = await browser.NewPageAsync(Server);
        await using var _ = warmContext;
        await PageActions.SignInAsync(signInPage, account.Identifier, account.Password);
        await signInPage.GotoAsync("/parametres/preferences");
        await signInPage.Locator("#Input_Signature").FillAsync("Camille Martin\nSecrétariat — Collège Jean Moulin\n03 20 00 00 00");
        await signInPage.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Enregistrer les préférences" }).ClickAsync();
        await Expect(signInPage.Locator(".banner.ok")).ToBeVisibleAsync();

        var (coldContext, page) = await ColdPageAsync(warmContext);
        await using var __ = coldContext;
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, "/parametres/preferences");

        output.WriteLine(cold.Report("Préférences, cold cache"));
        Assert.Equal("/parametres/preferences", new Uri(page.Url).AbsolutePath);
        Assert.All(cold.Network, r => Assert.True(r.ResourceType is "Document" or "Stylesheet" || IsSessionScript(r.Url), $"{r.ResourceType} {r.Url}"));
        var apartFromStylesheet = cold.TotalBytes - (cold.Stylesheet?.EncodedBytes ?? 0);
        Assert.True(apartFromStylesheet <= SignInBudgetBytes, $"Préférences cold: {apartFromStylesheet} bytes apart from the stylesheet > {SignInBudgetBytes}.\n{cold.Report("cold")}");
    }

    /// <summary>A message page, plain text and sanitized HTML, as reached from the inbox (stylesheet cached) and cold.</summary>
    [Fact]
    public async Task Message_FiguresForTheRecord_AndNoRequestBeyondHtmlAndStylesheet()
    {
        var account = await MailServer.Instance.CreateAccountAsync("octets-message");
        var plain = await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        var html = await MailServer.Instance.AppendAsync(account, "INBOX", TestMessages.HtmlOnly(account));
        var (context, page) = await browser.NewPageAsync(Server);
        await using var _ = context;
        await PageActions.SignInAsync(page, account.Identifier, account.Password);
        var meter = await NetworkMeter.AttachAsync(page);

        var text = await meter.MeasureAsync(page, $"/courrier/message?dossier=INBOX&uid={plain!.Value.Id}");
        var sanitized = await meter.MeasureAsync(page, $"/courrier/message?dossier=INBOX&uid={html!.Value.Id}");

        output.WriteLine(text.Report("Message page, plain text (stylesheet cached)"));
        output.WriteLine(sanitized.Report("Message page, sanitized HTML with a blocked remote image (stylesheet cached)"));
        // The blocked remote image costs nothing and tells the sender nothing: only the page and its (cached) stylesheet and script.
        Assert.All(sanitized.Network, r => Assert.True(r.ResourceType is "Document" or "Stylesheet" || IsSessionScript(r.Url), $"{r.ResourceType} {r.Url}"));
        Assert.DoesNotContain(sanitized.Network, r => r.Url.Contains("suivi.example.com", StringComparison.Ordinal));
        Assert.True(text.Document.EncodedBytes <= InboxHtmlBudgetBytes);
    }

    /// <summary>js/session-timeout.js under its fingerprinted name: the time-limit warning of every signed-in page.</summary>
    private static bool IsSessionScript(string url) => new Uri(url).AbsolutePath.StartsWith("/js/session-timeout.", StringComparison.Ordinal);

    /// <summary>A second context that carries only the warm one's cookies (the session): its cache is empty.</summary>
    private async Task<(Microsoft.Playwright.IBrowserContext Context, Microsoft.Playwright.IPage Page)> ColdPageAsync(Microsoft.Playwright.IBrowserContext warmContext)
    {
        var cookies = await warmContext.CookiesAsync();
        var (coldContext, page) = await browser.NewPageAsync(Server);
        await coldContext.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        return (coldContext, page);
    }

    // Found from this source file, not the output folder: the build output may live anywhere (--artifacts-path).
    private static long StylesheetSourceBytes([CallerFilePath] string thisFile = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "wwwroot-assets", "css", "site.css"));
        return File.Exists(path) ? new FileInfo(path).Length : -1;
    }
}

using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// A guide page with all its illustrations, counted by Chromium's network layer: at most 21 KB on a cold cache
/// (HTML, both stylesheets, every SVG) and 8 KB on a warm one (the HTML again; fingerprinted files come from the
/// cache). The app serves static files as the published app does (<see cref="Infrastructure.WebmailFactory"/>).
/// A column of <see cref="GuideBrowserTests"/>: the page is then left loaded, warm, for the other columns.
/// </summary>
public static class GuideBytes
{
    // 20 KB until the shared stylesheet took the phone list, the message page's layout and forced-colours focus (+300 B).
    private const int ColdBudgetBytes = 21 * 1024;
    private const int WarmBudgetBytes = 8 * 1024;

    /// <param name="page">A fresh page (empty cache) in a context already set to <paramref name="language"/>.</param>
    public static async Task AssertWithinBudgetsAsync(IPage page, string url, string language, ITestOutputHelper output)
    {
        await page.SetViewportSizeAsync(PageChecks.DesktopWidth, PageChecks.Height);
        var meter = await NetworkMeter.AttachAsync(page);

        var cold = await meter.MeasureAsync(page, url, AllImagesLoadedAsync);
        var figures = await page.Locator("main figure img").CountAsync();
        var distinct = (await page.Locator("main figure img").EvaluateAllAsync<string[]>("imgs => [...new Set(imgs.map(i => i.currentSrc))]")).Length;
        var warm = await meter.MeasureAsync(page, url, AllImagesLoadedAsync);

        var report = cold.Report($"{url} ({language}), cold cache") + warm.Report($"{url} ({language}), warm cache");
        output.WriteLine(report);
        var images = cold.Network.Where(r => r.ResourceType == "Image").ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GUIDE-BYTES {language} {url}: cold {cold.TotalBytes} B ({cold.Network.Count} requests, {images.Count} illustrations = {images.Sum(i => i.EncodedBytes)} B), warm {warm.TotalBytes} B ({warm.Network.Count(r => !r.FromCache)} from the network); HTML {cold.Document.EncodedBytes} B on the wire, {cold.DecodedHtmlBytes} B decoded"));
        Assert.Equal(distinct, images.Count);
        Assert.All(images, i => Assert.True(i.Status == 200 && i.Header("content-encoding") is "br" or "gzip", $"{i.Url}: {i.Status} {i.Header("content-encoding")}\n{report}"));
        Assert.All(images, i => Assert.Contains("immutable", i.Header("cache-control"), StringComparison.Ordinal));
        Assert.True(figures == 0 || images.Count > 0, report);
        Assert.True(cold.TotalBytes <= ColdBudgetBytes, $"{url} ({language}) cold: {cold.TotalBytes} B > {ColdBudgetBytes}\n{report}");
        Assert.True(warm.TotalBytes <= WarmBudgetBytes, $"{url} ({language}) warm: {warm.TotalBytes} B > {WarmBudgetBytes}\n{report}");
    }

    /// <summary>
    /// Every illustration fetched, the ones below the fold included: a phone fetches each lazy image as it scrolls to
    /// it, and the total is the same. Made eager here rather than shown in a 30,000-px viewport, which cost Chromium
    /// seconds of software painting per page.
    /// </summary>
    private static async Task AllImagesLoadedAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')");
        await page.WaitForFunctionAsync(
            "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)",
            null,
            new PageWaitForFunctionOptions { Timeout = BrowserFixture.DefaultTimeoutMs });
    }
}

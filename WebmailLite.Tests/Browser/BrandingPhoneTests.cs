using WebmailLite.Practice;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Browser;

/// <summary>
/// The académie's name costs no height above the content on a phone: with <c>Branding:Organisation</c> set, the
/// signed-in header at 360 and 320 px is no taller than with the defaults, so the first message stays on the first
/// screen (<see cref="PhoneListTests"/>, <see cref="PhoneMessageTests"/>). There the organisation is said at the
/// foot of the page instead, so that nothing is lost at 320 px (WCAG 1.4.10); from 40rem it is in the header.
/// </summary>
[Collection(PracticeBrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class BrandingPhoneTests(BrowserFixture browser, PracticeLiveServer practice, BrandingPhoneTests.BrandedServer branded, ITestOutputHelper output)
    : IClassFixture<BrandingPhoneTests.BrandedServer>
{
    [Theory]
    [InlineData(360)]
    [InlineData(320)]
    public async Task SignedInHeader_WithTheOrganisation_NoTallerThanWithTheDefaults(int width)
    {
        var plain = await HeaderHeightAsync(practice.Server, width);
        var withOrganisation = await HeaderHeightAsync(branded.Server, width);

        output.WriteLine($"{width} px: header {plain:0} px by default, {withOrganisation:0} px with « {BrandedServer.Organisation} ».");
        Assert.True(withOrganisation <= plain, $"At {width} px the header grows from {plain:0} to {withOrganisation:0} px with the organisation.");
    }

    [Theory]
    [InlineData(320, false)]
    [InlineData(360, false)]
    [InlineData(1280, true)]
    public async Task SignedIn_TheOrganisationIsShownOnce_InTheHeaderOnAWideScreen_AtTheFootOnAPhone(int width, bool inHeader)
    {
        var context = await browser.NewContextAsync(branded.Server, width, javaScript: false);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);

        Assert.Equal(inHeader, await page.Locator("header .brand .org").IsVisibleAsync());
        Assert.Equal(!inHeader, await page.Locator("footer .org-foot").IsVisibleAsync());
        Assert.Equal(1, await page.GetByText(BrandedServer.Organisation, new() { Exact = true }).Filter(new() { Visible = true }).CountAsync());
        // The accessibility tree has it once as well (display:none removes the other).
        var snapshot = await page.Locator("body").AriaSnapshotAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(snapshot, System.Text.RegularExpressions.Regex.Escape(BrandedServer.Organisation)));
    }

    [Fact]
    public async Task SignIn_OnAPhone_TheOrganisationIsInTheHeader()
    {
        var context = await browser.NewContextAsync(branded.Server, 320, javaScript: false);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        Assert.True(await page.Locator("header .brand .org").IsVisibleAsync());
        Assert.Equal(0, await page.Locator(".org-foot").CountAsync());
    }

    /// <summary>The names in the header and the foot change no contrast, landmark or reflow: axe at 1280 and 320 px.</summary>
    [Fact]
    public async Task Branded_SignInAndInbox_HaveNoWcagViolations_AndNoSidewaysScrolling()
    {
        var (context, page) = await browser.NewPageAsync(branded.Server);
        await using var _ = context;
        await page.GotoAsync("/");
        await PageChecks.AssertAllWidthsAsync(page, "branded sign-in");

        await page.SetViewportSizeAsync(PageChecks.DesktopWidth, 800);
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        await PageChecks.AssertAllWidthsAsync(page, "branded inbox");
    }

    private async Task<double> HeaderHeightAsync(LiveServer server, int width)
    {
        var context = await browser.NewContextAsync(server, width, javaScript: false);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 740);
        await PageActions.SignInAsync(page, PracticeSeed.Identifier, PracticeSeed.Password);
        if (Environment.GetEnvironmentVariable("WEBMAILLITE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"header-{width}-{(server == practice.Server ? "default" : "branded")}.png"), Clip = new() { X = 0, Y = 0, Width = width, Height = 200 } });
        }
        var box = await page.Locator("header.top").BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("No header.");
        return box.Height;
    }

    public sealed class BrandedServer : IDisposable
    {
        public const string Organisation = "Académie d'Aix-Marseille";

        public LiveServer Server { get; } = LiveServer.Practice(new Dictionary<string, string?>
        {
            ["Branding:ServiceName"] = "Messagerie académique",
            ["Branding:Organisation"] = Organisation,
        });

        public void Dispose() => Server.Dispose();
    }
}

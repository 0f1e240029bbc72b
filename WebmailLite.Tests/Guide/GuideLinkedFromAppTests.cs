using WebmailLite.Guide;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Guide;

/// <summary>
/// Where people get stuck, the app links to the exact step of the guide that helps (each target is checked to
/// resolve by <see cref="GuidePagesTests.EveryGuideLinksConstant_ResolvesInFrenchAndEnglish"/>).
/// </summary>
public sealed class GuideLinkedFromAppTests
{
    [Fact]
    public async Task WrongPassword_LinksToTheIncorrectCredentialsStep()
    {
        using var factory = new WebmailFactory();
        var client = factory.NewClient();

        var page = await HtmlPage.LoadAsync(await client.SignInAsync(PracticeSeed.Identifier, "pas-le-bon"));

        Assert.NotNull(page.Query($".err-sum a[href='{GuideLinks.BadCredentials}']"));
    }

    [Fact]
    public async Task TooManyAttempts_LinksToTheTooManyAttemptsStep()
    {
        using var factory = new WebmailFactory(new Dictionary<string, string?> { ["SignIn:MaxFailuresPerIdentifier"] = "1" });
        var client = factory.NewClient();
        await client.SignInAsync(PracticeSeed.Identifier, "pas-le-bon");

        var page = await HtmlPage.LoadAsync(await client.SignInAsync(PracticeSeed.Identifier, "pas-le-bon"));

        Assert.Contains("Trop de tentatives", page.Text(".err-sum"), StringComparison.Ordinal);
        Assert.NotNull(page.Query($".err-sum a[href='{GuideLinks.TooManyAttempts}']"));
    }

    [Fact]
    public async Task MailServiceUnreachable_LinksToTheUnstableConnectionStep()
    {
        // Port 1 on loopback: the connection is refused at once.
        using var factory = new WebmailFactory(new Dictionary<string, string?>
        {
            ["Mail:Imap:Host"] = "127.0.0.1",
            ["Mail:Imap:Port"] = "1",
            ["Mail:Imap:Security"] = "None",
            ["Mail:Timeout"] = "00:00:05",
        });

        var page = await HtmlPage.LoadAsync(await factory.NewClient().SignInAsync("cmartin", "un-mot-de-passe"));

        Assert.NotNull(page.Query($".err-sum a[href='{GuideLinks.Unreachable}']"));
    }

    [Fact]
    public async Task Maintenance_BannerAndUnavailableError_LinkToTheMaintenanceStep()
    {
        using var factory = new WebmailFactory(new Dictionary<string, string?>
        {
            ["Mail:Imap:Host"] = "127.0.0.1",
            ["Mail:Imap:Port"] = "1",
            ["Mail:Imap:Security"] = "None",
            ["Mail:Timeout"] = "00:00:05",
            ["Maintenance:Message"] = "Mise à jour des serveurs.",
            ["Maintenance:Until"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        var client = factory.NewClient();

        var banner = await HtmlPage.GetAsync(client, GuideLinks.Home);
        var error = await HtmlPage.LoadAsync(await client.SignInAsync("cmartin", "un-mot-de-passe"));

        Assert.NotNull(banner.Query($"section.banner a[href='{GuideLinks.Maintenance}']"));
        Assert.NotNull(error.Query($".err-sum a[href='{GuideLinks.Maintenance}']"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/aide/acces-refuse")]
    [InlineData("/mot-de-passe-oublie")]
    public async Task Guide_IsReachableWithoutSigningIn_FromTheFooter(string url)
    {
        using var factory = new WebmailFactory();

        var page = await HtmlPage.GetAsync(factory.NewClient(), url);

        Assert.NotNull(page.Query($"footer nav a[href='{GuideLinks.Home}']"));
    }
}

using System.Net;
using Microsoft.Extensions.Options;
using WebmailLite.Branding;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Branding;

/// <summary>The logo in the header, its text alternative, how it is served, and the start refused for a bad one.</summary>
public sealed class BrandLogoPagesTests : IDisposable
{
    private const string Logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 10\"><rect width=\"20\" height=\"10\" fill=\"#000091\"/></svg>";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wl-logo-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Logo_InTheHeader_WithTheOrganisationAsAlt_ServedFingerprintedCachedAndSandboxed()
    {
        var path = Write("logo.svg", Logo);
        using var factory = new WebmailFactory(new Dictionary<string, string?>
        {
            ["Branding:Organisation"] = "Académie de Nice",
            ["Branding:Logo"] = path,
        });
        var client = factory.NewClient();

        var page = await HtmlPage.GetAsync(client, "/");
        var img = page.Query("header .brand img")!;
        var response = await client.GetAsync(img.GetAttribute("src"));

        Assert.Equal("Académie de Nice", img.GetAttribute("alt"));
        Assert.Null(page.Query("header .brand span"));
        Assert.Equal("Se connecter – Messagerie académique – Académie de Nice", page.Title);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Logo, await response.Content.ReadAsStringAsync());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.StartsWith("sandbox; default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/marque/logo.000000000000.svg")).StatusCode);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "Académie de Nice", "<script> is not allowed")]
    [InlineData("<html/>", "Académie de Nice", "not an SVG file")]
    [InlineData(null, "Académie de Nice", "bytes; a logo must be at most 4096 bytes")]
    [InlineData(Logo, "", "Branding:Logo needs Branding:Organisation")]
    public void Start_WithABadLogo_IsRefusedWithTheReason(string? svg, string organisation, string reason)
    {
        var path = Write("bad.svg", svg ?? $"<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>{new string('x', 5000)}</desc></svg>");
        using var factory = new WebmailFactory(new Dictionary<string, string?>
        {
            ["Branding:Organisation"] = organisation,
            ["Branding:Logo"] = path,
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.NewClient());

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(validation.Failures, f => f.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Start_WithATooLongName_IsRefused()
    {
        using var factory = new WebmailFactory(new Dictionary<string, string?> { ["Branding:ServiceName"] = new string('a', BrandingOptions.MaxNameLength + 1) });

        var error = Assert.ThrowsAny<Exception>(() => factory.NewClient());

        Assert.Contains("Branding:ServiceName", error.ToString(), StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}

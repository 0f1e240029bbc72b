using System.Text;
using WebmailLite.Branding;

namespace WebmailLite.Tests.Branding;

/// <summary>The logo is served by us on every page: only a small SVG that can neither run nor fetch anything passes.</summary>
public sealed class BrandLogoTests
{
    private const string Ns = "xmlns=\"http://www.w3.org/2000/svg\"";

    public static TheoryData<string> Accepted => new()
    {
        $"<svg {Ns} viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"#0b2e59\"/></svg>",
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- exported -->\n<svg {Ns} xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"1\" height=\"1\"/><use xlink:href=\"#g\"/><title>Académie</title></svg>",
        $"<svg {Ns}><style>rect{{fill:url('#g')}}</style><rect/></svg>",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Check_SmallSelfContainedSvg_IsAccepted(string svg) => Assert.Null(BrandLogo.Check(Encoding.UTF8.GetBytes(svg)));

    [Theory]
    [InlineData("<svg viewBox=\"0 0 1 1\"><rect/></svg>", "not an SVG file")]
    [InlineData("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "not an SVG file")]
    [InlineData("\u0089PNG\r\n\u001a\n", "not a well-formed SVG")]
    [InlineData("", "not a well-formed SVG")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "<script>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><g><foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject></g></svg>", "<foreignObject>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "onload")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect onclick=\"x()\"/></svg>", "onclick")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://tracker.example/p.png\"/></svg>", "external reference")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><use xlink:href=\"other.svg#a\"/></svg>", "external reference")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:image/png;base64,AAAA\"/></svg>", "external reference")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://x.example/a.svg#p)\"/></svg>", "url(https://x.example")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://x.example/a.css);</style></svg>", "@import")]
    [InlineData("<!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>", "not a well-formed SVG")]
    [InlineData("<?xml-stylesheet href=\"https://x.example/a.css\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "processing instruction")]
    public void Check_Refused_SaysWhy(string svg, string reason)
    {
        var problem = BrandLogo.Check(Encoding.UTF8.GetBytes(svg));

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OverTheBudget_IsRefused_EvenIfClean()
    {
        var padding = new string(' ', BrandLogo.MaxBytes);
        var problem = BrandLogo.Check(Encoding.UTF8.GetBytes($"<svg {Ns}>{padding}<rect/></svg>"));

        Assert.NotNull(problem);
        Assert.Contains($"more than {BrandLogo.MaxBytes}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooBigFile_NamesTheFileTheSizeAndTheBudget()
    {
        var folder = Directory.CreateTempSubdirectory("wl-logo-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "logo.svg"), $"<svg {Ns}>{new string(' ', 5000)}</svg>");

            var (logo, problem) = BrandLogo.Load("logo.svg", folder.FullName);

            Assert.Null(logo);
            Assert.Contains("logo.svg", problem, StringComparison.Ordinal);
            Assert.Contains("4096 bytes", problem, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFile_SaysWhere()
    {
        var (logo, problem) = BrandLogo.Load("/nonexistent/logo.svg", "/");

        Assert.Null(logo);
        Assert.Contains("no file at /nonexistent/logo.svg", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_IsFingerprinted_SoANewLogoGetsANewAddress()
    {
        var folder = Directory.CreateTempSubdirectory("wl-logo-");
        try
        {
            var path = Path.Combine(folder.FullName, "logo.svg");
            File.WriteAllText(path, $"<svg {Ns}><rect/></svg>");
            var first = BrandLogo.Load(path, "/").Logo!;
            File.WriteAllText(path, $"<svg {Ns}><circle/></svg>");
            var second = BrandLogo.Load(path, "/").Logo!;

            Assert.Matches(@"^/marque/logo\.[0-9a-f]{12}\.svg$", first.Url);
            Assert.NotEqual(first.Url, second.Url);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

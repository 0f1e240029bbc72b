using System.IO.Compression;
using System.Xml.Linq;
using WebmailLite.Guide;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Guide;

/// <summary>
/// Each illustration: a self-contained, safe, small SVG (title, the guide's viewBox, no script, no style attribute,
/// nothing fetched from elsewhere), at most 4 KB compressed; the same set in every language, each used by the guide.
/// </summary>
public sealed class GuideIllustrationTests(ITestOutputHelper output)
{
    private const int MaxCompressedBytes = 4 * 1024;
    private const int MaxAltLength = 150;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Illustrations()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GuideFiles.IllustrationsFolder, "*.svg", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(GuideFiles.IllustrationsFolder, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Illustrations))]
    public void Illustration_HasTitleViewBox_NoScriptNoStyleNoExternalReference(string name)
    {
        var text = File.ReadAllText(Path.Combine(GuideFiles.IllustrationsFolder, name));
        var root = XDocument.Parse(text).Root!;
        var all = root.DescendantsAndSelf().ToList();

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal(GuideIllustration.ViewBox, root.Attribute("viewBox")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(root.Element(Svg + "title")?.Value), $"{name}: no <title>");
        Assert.DoesNotContain(all, e => e.Name.LocalName is "script" or "foreignObject" or "image" or "use" or "a" or "style");
        var attributes = all.SelectMany(e => e.Attributes()).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name.LocalName == "href" || a.Value.Contains("url(", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Illustrations))]
    public void Illustration_IsAtMost4KBCompressed(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(GuideFiles.IllustrationsFolder, name));

        var gzip = Compress(bytes, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
        var brotli = Compress(bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize, leaveOpen: true));

        output.WriteLine($"{name}: {bytes.Length} bytes raw, {gzip} gzip, {brotli} brotli");
        Assert.True(gzip <= MaxCompressedBytes && brotli <= MaxCompressedBytes, $"{name}: gzip {gzip}, brotli {brotli} > {MaxCompressedBytes}");
    }

    [Fact]
    public void EveryLanguage_HasTheSameIllustrations_AndTheGuideUsesEachOne()
    {
        var catalog = new GuideCatalog(GuideMarkdown.CreatePipeline(), new AnyAsset());
        var french = Names("fr");

        Assert.Equal(french, Names("en"));
        foreach (var language in GuideLanguage.All)
        {
            var used = catalog.Sections(language.Code).SelectMany(p => p.Figures).Select(f => f.AssetPath).ToHashSet();
            var unused = french.Select(n => $"guide/{language.Code}/{n}").Where(p => !used.Contains(p)).ToList();
            Assert.True(unused.Count == 0, "Illustrations no page uses: " + string.Join(", ", unused));
        }
    }

    /// <summary>
    /// The text alternative is short (RGAA 1.3: a screen reader reads it whole, at every pass): the screen and its
    /// controls in at most 150 characters; what they say in detail is in the step's own text, which suffices alone.
    /// </summary>
    [Fact]
    public void EveryFigure_TextAlternativeIsAtMost150Characters()
    {
        var catalog = new GuideCatalog(GuideMarkdown.CreatePipeline(), new AnyAsset());

        var tooLong = GuideLanguage.All.SelectMany(l => catalog.Sections(l.Code).SelectMany(p => p.Figures))
            .Where(f => f.Alt.Length > MaxAltLength)
            .Select(f => $"{f.AssetPath}: {f.Alt.Length} characters, « {f.Alt} »")
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    /// <summary>
    /// The text alternative names the same screen and controls as the drawing: every label quoted « … » in the
    /// SVG's title (written with the drawing, from the labels it shows) is quoted in the figure's alt too.
    /// </summary>
    [Fact]
    public void EveryFigure_TextAlternativeQuotesEveryLabelTheDrawingNames()
    {
        var catalog = new GuideCatalog(GuideMarkdown.CreatePipeline(), new AnyAsset());
        var problems = new List<string>();
        foreach (var language in GuideLanguage.All)
        {
            foreach (var figure in catalog.Sections(language.Code).SelectMany(p => p.Figures))
            {
                var title = XDocument.Load(Path.Combine(GuideFiles.AssetsFolder, figure.AssetPath)).Root!.Element(Svg + "title")!.Value;
                var labels = System.Text.RegularExpressions.Regex.Matches(title, "« [^»]+ »").Select(m => m.Value).ToList();
                Assert.NotEmpty(labels);
                problems.AddRange(labels.Where(l => !figure.Alt.Contains(l, StringComparison.Ordinal)).Select(l => $"{figure.AssetPath}: alt « {figure.Alt} » does not name {l}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static SortedSet<string> Names(string language) =>
        new(Directory.GetFiles(Path.Combine(GuideFiles.IllustrationsFolder, language), "*.svg").Select(Path.GetFileName).OfType<string>(), StringComparer.Ordinal);

    private static long Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var target = new MemoryStream();
        using (var stream = compressor(target))
        {
            stream.Write(bytes);
        }
        return target.Length;
    }
}

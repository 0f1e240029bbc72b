using System.Reflection;
using Markdig;

namespace WebmailLite.Guide;

/// <summary>
/// Every section of the guide in every language, rendered once and kept (the content is embedded in the assembly,
/// so it cannot change while the app runs). Rendering waits for the first use, or for the app's start
/// (<see cref="GuideWarmUp"/>), because illustration URLs come from the static assets the app maps.
/// </summary>
public sealed class GuideCatalog
{
    private const string ResourcePrefix = "guide/";

    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<GuidePage>>> _pages;

    public GuideCatalog(MarkdownPipeline pipeline, IGuideAssets assets)
        : this(new GuideRenderer(pipeline, assets), LoadEmbedded())
    {
    }

    /// <param name="sources">Markdown by language code, then by file name (<c>se-connecter.md</c>).</param>
    public GuideCatalog(GuideRenderer renderer, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sources)
    {
        _pages = new Lazy<IReadOnlyDictionary<string, IReadOnlyList<GuidePage>>>(() => RenderAll(renderer, sources), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<GuidePage> Sections(string language) =>
        _pages.Value.TryGetValue(language, out var pages) ? pages : _pages.Value[GuideLanguage.French.Code];

    public GuidePage? Find(string language, string slug) => Sections(language).FirstOrDefault(p => p.Slug == slug);

    /// <summary>Renders now if not done yet (start-up), so that a content error shows at once, not at a visitor's request.</summary>
    public void Warm() => _ = _pages.Value;

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> LoadEmbedded()
    {
        var assembly = typeof(GuideCatalog).Assembly;
        var sources = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var language in GuideLanguage.All)
        {
            var prefix = ResourcePrefix + language.Code + "/";
            sources[language.Code] = assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
                .ToDictionary(n => n[prefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
        }
        return sources;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<GuidePage>> RenderAll(GuideRenderer renderer, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sources)
    {
        var errors = new List<string>();
        var result = new Dictionary<string, IReadOnlyList<GuidePage>>(StringComparer.Ordinal);
        foreach (var language in GuideLanguage.All)
        {
            var pages = new List<GuidePage>();
            foreach (var (file, markdown) in sources.TryGetValue(language.Code, out var files) ? files : new Dictionary<string, string>())
            {
                try
                {
                    pages.Add(renderer.Render(language, markdown, $"Content/{language.Code}/{file}"));
                }
                catch (GuideRenderException e)
                {
                    errors.Add(e.Message);
                }
            }
            result[language.Code] = [.. pages.OrderBy(p => p.Order).ThenBy(p => p.Slug, StringComparer.Ordinal)];
        }
        // Same URLs in every language (the language is a cookie): each section must exist in each.
        var french = result[GuideLanguage.French.Code].Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var (code, pages) in result)
        {
            if (!french.SetEquals(pages.Select(p => p.Slug)))
            {
                errors.Add($"Content/{code}: sections differ from French ({string.Join(", ", french.Order(StringComparer.Ordinal))})");
            }
        }
        if (french.Count == 0)
        {
            errors.Add("No guide content embedded (Guide/Content/fr/*.md).");
        }
        return errors.Count > 0 ? throw new GuideRenderException(string.Join(Environment.NewLine, errors)) : result;
    }
}

using Markdig.Renderers;
using Markdig.Syntax;

namespace WebmailLite.Guide;

/// <summary>
/// Markdig's HTML renderer with what the guide's renderers need to know: the language (note labels, illustration
/// folder), how to turn an illustration's name into its fingerprinted URL, and a list of what went wrong (every
/// problem is collected, then reported at once by <see cref="GuideRenderer"/>).
/// </summary>
public sealed class GuideHtmlRenderer(TextWriter writer, GuideLanguage language, IGuideAssets assets, string source, int firstLine) : HtmlRenderer(writer)
{
    public GuideLanguage Language { get; } = language;

    public IGuideAssets Assets { get; } = assets;

    public List<string> Errors { get; } = [];

    public List<GuideFigure> Figures { get; } = [];

    public void Fail(MarkdownObject where, string message) => Errors.Add($"{source}:{firstLine + where.Line + 1}: {message}");
}

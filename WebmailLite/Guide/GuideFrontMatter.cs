namespace WebmailLite.Guide;

/// <summary>
/// The few lines between <c>---</c> at the top of a section: <c>title</c>, <c>slug</c>, <c>order</c>, <c>summary</c>,
/// one <c>key: value</c> per line. A YAML library would be more than these four keys need.
/// </summary>
public sealed record GuideFrontMatter(string Title, string Slug, int Order, string Summary)
{
    public static (GuideFrontMatter FrontMatter, string Body, int BodyLine) Split(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new GuideRenderException($"{source}: a section starts with its front matter between two « --- » lines");
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new GuideRenderException($"{source}: the front matter has no closing « --- »");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < end; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new GuideRenderException($"{source}:{i + 1}: expected « key: value »");
            }
            values[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }
        string Required(string key) => values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new GuideRenderException($"{source}: front matter « {key} » is missing");
        if (!int.TryParse(Required("order"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var order))
        {
            throw new GuideRenderException($"{source}: front matter « order » must be a whole number");
        }
        var frontMatter = new GuideFrontMatter(Required("title"), Required("slug"), order, Required("summary"));
        return (frontMatter, string.Join('\n', lines[(end + 1)..]), end + 1);
    }
}

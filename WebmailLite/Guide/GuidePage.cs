namespace WebmailLite.Guide;

/// <summary>One section of the guide in one language, rendered once.</summary>
public sealed record GuidePage(
    string Language,
    string Slug,
    string Title,
    int Order,
    string Summary,
    string Html,
    IReadOnlyList<GuideHeading> Contents,
    IReadOnlySet<string> Ids,
    IReadOnlyList<string> AppLinks,
    IReadOnlyList<string> GuideLinks,
    IReadOnlyList<GuideFigure> Figures)
{
    public string Path => "/aide/" + Slug;
}

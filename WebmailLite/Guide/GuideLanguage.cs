namespace WebmailLite.Guide;

/// <summary>
/// A language of the guide: its folder under <c>Content/</c> and <c>guide/</c>, and the labels its renderers write.
/// The labels live here rather than in a .resx because they are part of the rendered content, fixed at start-up.
/// </summary>
public sealed record GuideLanguage(string Code, string WarningLabel, string NoteLabel)
{
    public static readonly GuideLanguage French = new("fr", "Attention :", "À savoir :");
    public static readonly GuideLanguage English = new("en", "Warning:", "Good to know:");

    public static readonly IReadOnlyList<GuideLanguage> All = [French, English];
}

namespace WebmailLite.Guide;

/// <summary>
/// Where the letter to the rectorat goes (configuration section <c>Guide:Rectorat</c>). Only the académie knows its
/// service and address; when they are not set, the letter leaves lines to fill in by hand and the page says where
/// to find the address, rather than print one that may be wrong.
/// </summary>
public sealed class RectoratOptions
{
    public const string Section = "Guide:Rectorat";
    public const int MaxLines = 6;
    public const int MaxLineLength = 100;

    /// <summary>The addressee, e.g. « Rectorat de l'académie d'Aix-Marseille » then « DSI – assistance aux utilisateurs ».</summary>
    public string? Service { get; set; }

    /// <summary>The postal address, one line per line (a line break, or « | » where a line break is awkward, as in an environment variable).</summary>
    public string? PostalAddress { get; set; }

    public IReadOnlyList<string> ServiceLines => Lines(Service);

    public IReadOnlyList<string> PostalLines => Lines(PostalAddress);

    public static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(['\n', '|']).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}

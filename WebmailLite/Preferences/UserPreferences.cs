namespace WebmailLite.Preferences;

/// <summary>
/// What one person chose in « Préférences », stored per identifier (practice accounts included). A person who never
/// chose anything gets <see cref="Default"/>: the server-wide page size and the product's defaults.
/// </summary>
public sealed record UserPreferences
{
    /// <summary>The page sizes offered (messages per page).</summary>
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];

    public static readonly UserPreferences Default = new();

    /// <summary>Messages per page, one of <see cref="PageSizes"/>; <c>null</c> for the server's <c>Mail:PageSize</c>.</summary>
    public int? PageSize { get; init; }

    /// <summary>« fr » or « en »; <c>null</c> to follow the language cookie and the browser.</summary>
    public string? Language { get; init; }

    /// <summary>Read HTML mail as its text only (no layout, no images).</summary>
    public bool HtmlAsText { get; init; }

    /// <summary>Add the people one writes to to « Contacts » automatically.</summary>
    public bool CollectContacts { get; init; } = true;

    /// <summary>Plain-text signature, without the « -- » line (added when inserted); empty for none.</summary>
    public string Signature { get; init; } = "";

    /// <summary>Where the signature goes in a reply or a forward.</summary>
    public SignaturePlacement SignaturePlacement { get; init; } = SignaturePlacement.BelowQuote;
}

public enum SignaturePlacement
{
    /// <summary>After the quoted text (the usual place in French administrative mail).</summary>
    BelowQuote,

    /// <summary>Above the quoted text, right after the reply.</summary>
    AboveQuote,
}

namespace WebmailLite.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB file. Its folder also holds the Data Protection keys.</summary>
    public string Path { get; set; } = "data/webmaillite.db";
}

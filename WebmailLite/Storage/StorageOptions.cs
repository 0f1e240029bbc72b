namespace WebmailLite.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// <see cref="StorageProvider.LiteDB"/> (embedded, one instance) or <see cref="StorageProvider.PostgreSQL"/>
    /// (several instances behind a load balancer share it).
    /// </summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDB;

    /// <summary>The LiteDB file. Its folder also holds the Data Protection keys.</summary>
    public string Path { get; set; } = "data/webmaillite.db";

    /// <summary>
    /// With <see cref="StorageProvider.PostgreSQL"/>: an Npgsql connection string, e.g.
    /// <c>Host=db.ac-exemple.fr;Database=webmail;Username=webmail;SSL Mode=VerifyFull</c>; its password from the
    /// environment (<c>Storage__Password</c>, added to the string) rather than in a file.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The database password, kept out of <see cref="ConnectionString"/> (set it from the environment).</summary>
    public string? Password { get; set; }
}

public enum StorageProvider
{
    LiteDB,
    PostgreSQL,
}

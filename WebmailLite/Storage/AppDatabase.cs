using LiteDB;

namespace WebmailLite.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process (LiteDB's direct mode allows a single owner of the file).
/// Typed stores take their collections from here; none of them holds a transaction across an await.
/// </summary>
public sealed class AppDatabase : IDisposable
{
    public AppDatabase(string connectionString)
    {
        Database = new LiteDatabase(connectionString, CreateMapper());
    }

    private AppDatabase(Stream stream)
    {
        Database = new LiteDatabase(stream, CreateMapper());
    }

    public LiteDatabase Database { get; }

    /// <summary>An in-memory database, for unit tests.</summary>
    public static AppDatabase InMemory() => new(new MemoryStream());

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    public void Dispose() => Database.Dispose();

    private static BsonMapper CreateMapper()
    {
        // LiteDB hands DateTime back as local time and drops a DateTimeOffset's offset: store UTC explicitly
        // so that sliding windows and expiries never depend on the server's time zone.
        var mapper = new BsonMapper();
        mapper.RegisterType<DateTimeOffset>(
            serialize: value => new BsonValue(value.UtcDateTime),
            deserialize: bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.RegisterType<DateTime>(
            serialize: value => new BsonValue(value.Kind == DateTimeKind.Unspecified
                ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
                : value.ToUniversalTime()),
            deserialize: bson => DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));
        return mapper;
    }
}

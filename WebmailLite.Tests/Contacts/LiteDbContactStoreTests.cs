using WebmailLite.Contacts;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Contacts;

public sealed class LiteDbContactStoreTests : ContactStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private LiteDbContactStore? _store;

    protected override IContactStore CreateStore(TimeProvider clock) => _store = new LiteDbContactStore(_database, clock);

    // One process owns a LiteDB file: the app's one store is its only instance.
    protected override IContactStore SecondInstance(TimeProvider clock) => _store!;

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresContactStoreTests : ContactStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IContactStore CreateStore(TimeProvider clock) => new PostgresContactStore(_schema.Database, clock);

    public void Dispose() => _schema.Dispose();
}

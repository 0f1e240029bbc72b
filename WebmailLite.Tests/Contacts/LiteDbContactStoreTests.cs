using WebmailLite.Contacts;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Contacts;

public sealed class LiteDbContactStoreTests : ContactStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    public LiteDbContactStoreTests() => Store = new LiteDbContactStore(_database, TimeProvider.System);

    protected override IContactStore Store { get; }

    public void Dispose() => _database.Dispose();
}

using WebmailLite.Storage;
using WebmailLite.Storage.Postgres;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Storage;

/// <summary>What every <see cref="IAttemptStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class AttemptStoreContractTests
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private IAttemptStore? _store;

    protected abstract IAttemptStore CreateStore(TimeProvider clock);

    private IAttemptStore Store => _store ??= CreateStore(_clock);

    [Fact]
    public void Count_TheAttemptsInsideTheWindow_AndWhenTheOldestLeavesIt()
    {
        Store.Record("signin:id:cmartin");
        _clock.Advance(TimeSpan.FromMinutes(4));
        Store.Record("signin:id:cmartin");
        Store.Record("signin:id:jbernard");
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(new WindowCount(2, TimeSpan.FromMinutes(9)), Store.Count("signin:id:cmartin", TimeSpan.FromMinutes(15)));
        Assert.Equal(new WindowCount(1, TimeSpan.FromMinutes(3)), Store.Count("signin:id:cmartin", TimeSpan.FromMinutes(5)));
        Assert.Equal(new WindowCount(0, TimeSpan.Zero), Store.Count("signin:id:personne", TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Clear_ForgetsOneKeyOnly()
    {
        Store.Record("signin:id:cmartin");
        Store.Record("signin:ip:192.0.2.1");

        Store.Clear("signin:id:cmartin");

        Assert.Equal(0, Store.Count("signin:id:cmartin", TimeSpan.FromHours(1)).Count);
        Assert.Equal(1, Store.Count("signin:ip:192.0.2.1", TimeSpan.FromHours(1)).Count);
    }

    [Fact]
    public void Prune_DropsWhatIsOlderThanAnyWindow()
    {
        Store.Record("a");
        _clock.Advance(TimeSpan.FromHours(2));
        Store.Record("a");

        Assert.Equal(1, Store.Prune(TimeSpan.FromHours(1)));
        Assert.Equal(1, Store.Count("a", TimeSpan.FromDays(1)).Count);
    }

    [Fact]
    public void Keys_ArePrefixesNeverMatchedAsPatterns()
    {
        // Keys arrive normalised (AttemptLimiter hashes the owner); a store matches them whole, never as a prefix or pattern.
        Store.Record("signin:id:cmartin");
        Store.Record("signin:id:c%");

        Assert.Equal(0, Store.Count("signin:id:", TimeSpan.FromHours(1)).Count);
        Assert.Equal(0, Store.Count("signin:id:cmartin2", TimeSpan.FromHours(1)).Count);
        Assert.Equal(1, Store.Count("signin:id:c%", TimeSpan.FromHours(1)).Count);
        Assert.Equal(0, Store.Count("signin:id:cmartin ", TimeSpan.FromHours(1)).Count);
    }
}

public sealed class LiteDbAttemptStoreTests : AttemptStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IAttemptStore CreateStore(TimeProvider clock) => new LiteDbAttemptStore(_database, clock);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresAttemptStoreTests : AttemptStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IAttemptStore CreateStore(TimeProvider clock) => new PostgresAttemptStore(_schema.Database, clock);

    public void Dispose() => _schema.Dispose();
}

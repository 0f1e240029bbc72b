using WebmailLite.Preferences;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Preferences;

/// <summary>What every <see cref="IPreferencesStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class PreferencesStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IPreferencesStore CreateStore();

    private static readonly UserPreferences Chosen = new()
    {
        PageSize = 50,
        Language = "en",
        HtmlAsText = true,
        CollectContacts = false,
        Signature = "Camille Martin\nSecrétariat — Collège Jean Moulin\n03 20 00 00 00",
        SignaturePlacement = SignaturePlacement.AboveQuote,
    };

    [Fact]
    public async Task Get_UnknownIdentifier_GivesTheDefaults()
    {
        var store = CreateStore();

        var preferences = await store.GetAsync("personne.inconnue", None);

        Assert.Equal(UserPreferences.Default, preferences);
        Assert.Null(preferences.PageSize);
        Assert.True(preferences.CollectContacts);
        Assert.Equal("", preferences.Signature);
        Assert.Equal(SignaturePlacement.BelowQuote, preferences.SignaturePlacement);
    }

    [Fact]
    public async Task Save_ThenGet_GivesBackEveryMember()
    {
        var store = CreateStore();

        await store.SaveAsync("camille.martin", Chosen, None);

        Assert.Equal(Chosen, await store.GetAsync("camille.martin", None));
    }

    [Fact]
    public async Task Save_Again_ReplacesTheWhole()
    {
        var store = CreateStore();
        await store.SaveAsync("camille.martin", Chosen, None);

        await store.SaveAsync("camille.martin", UserPreferences.Default with { PageSize = 100 }, None);

        Assert.Equal(UserPreferences.Default with { PageSize = 100 }, await store.GetAsync("camille.martin", None));
    }

    [Fact]
    public async Task Save_OnePerson_NeverTouchesAnother()
    {
        var store = CreateStore();
        await store.SaveAsync("julien.bernard", Chosen with { Signature = "Julien" }, None);

        await store.SaveAsync("camille.martin", Chosen, None);
        await store.SaveAsync("camille.martin", Chosen with { PageSize = 25 }, None);

        Assert.Equal(Chosen with { Signature = "Julien" }, await store.GetAsync("julien.bernard", None));
        Assert.Equal(UserPreferences.Default, await store.GetAsync("helene.dubois", None));
    }

    [Fact]
    public async Task Identifier_IsNormalisedAsEverywhereInTheApp_TrimmedAndCaseInsensitive()
    {
        var store = CreateStore();

        await store.SaveAsync(" C.Martin ", Chosen, None);

        Assert.Equal(Chosen, await store.GetAsync("c.martin", None));
        Assert.Equal(Chosen, await store.GetAsync("C.MARTIN", None));
        Assert.Equal(WebmailLite.Mail.Owner.Of(" C.Martin "), WebmailLite.Mail.Owner.Of("c.martin"));
    }

    [Fact]
    public async Task Saved_IsSeenByAnotherStoreOnTheSameDatabase()
    {
        // Another store on the same database: a restarted app, or (PostgreSQL) another instance behind the balancer.
        await CreateStore().SaveAsync("camille.martin", Chosen, None);

        Assert.Equal(Chosen, await CreateStore().GetAsync("camille.martin", None));
    }

    [Fact]
    public async Task Nothing_IsAlsoWhatIsKept_NullsAndEmptyStrings()
    {
        var store = CreateStore();
        var nothing = UserPreferences.Default with { CollectContacts = false };

        await store.SaveAsync("camille.martin", Chosen, None);
        await store.SaveAsync("camille.martin", nothing, None);

        var again = await store.GetAsync("camille.martin", None);
        Assert.Equal(nothing, again);
        Assert.Null(again.PageSize);
        Assert.Null(again.Language);
        Assert.Equal("", again.Signature);
    }
}

public sealed class LiteDbPreferencesStoreTests : PreferencesStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IPreferencesStore CreateStore() => new LiteDbPreferencesStore(_database);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresPreferencesStoreTests : PreferencesStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IPreferencesStore CreateStore() => new PostgresPreferencesStore(_schema.Database);

    public void Dispose() => _schema.Dispose();
}

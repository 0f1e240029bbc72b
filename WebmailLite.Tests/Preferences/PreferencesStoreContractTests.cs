using WebmailLite.Preferences;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Preferences;

/// <summary>
/// What every <see cref="IPreferencesStore"/> must do, whatever the provider: a PostgreSQL store subclasses this with
/// its own <see cref="CreateStore"/> and passes the same facts.
/// </summary>
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
}

public sealed class LitePreferencesStoreTests : PreferencesStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    protected override IPreferencesStore CreateStore() => new LitePreferencesStore(_database);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Saved_SurvivesANewStoreOnTheSameDatabase()
    {
        await new LitePreferencesStore(_database).SaveAsync("camille.martin", UserPreferences.Default with { PageSize = 50 }, CancellationToken.None);

        var again = await new LitePreferencesStore(_database).GetAsync("camille.martin", CancellationToken.None);

        Assert.Equal(50, again.PageSize);
    }
}

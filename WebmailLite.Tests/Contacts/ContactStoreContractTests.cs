using WebmailLite.Contacts;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Contacts;

/// <summary>What every <see cref="IContactStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class ContactStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private IContactStore? _store;

    protected abstract IContactStore CreateStore(TimeProvider clock);

    /// <summary>
    /// The store as a second app instance sees it, on the same database. LiteDB's file belongs to one process (direct
    /// mode), whose one store is the only instance there is; PostgreSQL's is a new store on the same schema.
    /// </summary>
    protected virtual IContactStore SecondInstance(TimeProvider clock) => CreateStore(clock);

    private IContactStore Store => _store ??= CreateStore(_clock);

    private Task<Contact?> AddAsync(string name, params string[] addresses) =>
        Store.AddAsync("camille.martin", new ContactDraft(name, addresses, ""), None);

    [Fact]
    public async Task Search_IgnoresAccentsAndCase_InNameAddressAndNote()
    {
        await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");
        await AddAsync("Loïc Garnier", "loic.garnier@ac-exemple.fr");
        await Store.AddAsync("camille.martin", new ContactDraft("Vie scolaire", ["vie-scolaire@clg-exemple.fr"], "Élodie, CPE"), None);

        Assert.Equal(["Hélène Dubois"], (await Store.SearchAsync("camille.martin", "HELENE", 1, 10, None)).Items.Select(c => c.Name));
        Assert.Equal(["Loïc Garnier"], (await Store.SearchAsync("camille.martin", "loic", 1, 10, None)).Items.Select(c => c.Name));
        Assert.Equal(["Vie scolaire"], (await Store.SearchAsync("camille.martin", "elodie", 1, 10, None)).Items.Select(c => c.Name));
        Assert.Equal(["Hélène Dubois"], (await Store.SearchAsync("camille.martin", "dubois@", 1, 10, None)).Items.Select(c => c.Name));
        // « _ » is a letter typed, not a wildcard.
        Assert.Empty((await Store.SearchAsync("camille.martin", "h_dubois", 1, 10, None)).Items);
    }

    [Fact]
    public async Task Search_SortedByName_Paged_WithTotal()
    {
        foreach (var name in new[] { "Zoé", "Élise", "Adrien", "bruno", "Céline" })
        {
            await AddAsync(name, SearchKey.Fold(name) + "@ac-exemple.fr");
        }

        var first = await Store.SearchAsync("camille.martin", null, 1, 2, None);
        var third = await Store.SearchAsync("camille.martin", "", 3, 2, None);

        Assert.Equal(5, first.Total);
        Assert.Equal(["Adrien", "bruno"], first.Items.Select(c => c.Name));
        Assert.Equal(["Zoé"], third.Items.Select(c => c.Name));
        Assert.Equal(["Adrien", "bruno", "Céline", "Élise", "Zoé"], (await Store.AllAsync("camille.martin", None)).Select(c => c.Name));
    }

    [Fact]
    public async Task Contacts_ArePerPerson_IdentifierNormalised()
    {
        var mine = await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");

        Assert.Single((await Store.SearchAsync(" Camille.Martin ", null, 1, 10, None)).Items);
        Assert.Empty((await Store.SearchAsync("julien.bernard", null, 1, 10, None)).Items);
        Assert.Null(await Store.GetAsync("julien.bernard", mine!.Id, None));
        Assert.False(await Store.DeleteAsync("julien.bernard", mine.Id, None));
        Assert.False(await Store.UpdateAsync("julien.bernard", mine.Id, new ContactDraft("x", ["x@ac-exemple.fr"], ""), None));
        // Another person may hold the same address.
        Assert.NotNull(await Store.AddAsync("julien.bernard", new ContactDraft("Hélène", ["H.Dubois@ac-exemple.fr"], ""), None));
    }

    [Fact]
    public async Task Address_BelongsToOneContact_CaseIgnored()
    {
        var helene = await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");
        var loic = await AddAsync("Loïc Garnier", "loic.garnier@ac-exemple.fr");

        Assert.Null(await AddAsync("Autre", "H.DUBOIS@ac-exemple.fr"));
        Assert.False(await Store.UpdateAsync("camille.martin", loic!.Id, new ContactDraft("Loïc", ["loic.garnier@ac-exemple.fr", "h.dubois@ac-exemple.fr"], ""), None));
        Assert.Equal(helene!.Id, (await Store.FindByAddressAsync("camille.martin", "H.Dubois@AC-exemple.fr", None))?.Id);
    }

    [Fact]
    public async Task Update_ReplacesEverything_AndTheContactIsNoLongerCollected()
    {
        await Store.CollectAsync("camille.martin", [new SentRecipient("Hélène", "h.dubois@ac-exemple.fr")], None);
        var collected = (await Store.AllAsync("camille.martin", None)).Single();

        Assert.True(await Store.UpdateAsync("camille.martin", collected.Id, new ContactDraft("Hélène Dubois", ["h.dubois@ac-exemple.fr", "helene@ac-exemple.fr"], "Professeure principale 4e B"), None));

        var changed = (await Store.GetAsync("camille.martin", collected.Id, None))!;
        Assert.True(collected.Collected);
        Assert.Equal(["h.dubois@ac-exemple.fr", "helene@ac-exemple.fr"], changed.Addresses);
        Assert.Equal("Professeure principale 4e B", changed.Note);
        Assert.False(changed.Collected);
    }

    [Fact]
    public async Task Collect_AddsUnknownOnce_NamedAsTyped_AndRemovable()
    {
        await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");

        await Store.CollectAsync("camille.martin",
        [
            new SentRecipient("Loïc Garnier", "loic.garnier@ac-exemple.fr"),
            new SentRecipient("", "LOIC.GARNIER@ac-exemple.fr"),
            new SentRecipient("Hélène", "h.dubois@ac-exemple.fr"),
            new SentRecipient("", "secretariat@clg-exemple.fr"),
        ], None);
        await Store.CollectAsync("camille.martin", [new SentRecipient("Loïc G.", "loic.garnier@ac-exemple.fr")], None);

        var all = await Store.AllAsync("camille.martin", None);
        Assert.Equal(["Hélène Dubois", "Loïc Garnier", "secretariat@clg-exemple.fr"], all.Select(c => c.Name.Length > 0 ? c.Name : c.Addresses[0]));
        Assert.Equal([false, true, true], all.Select(c => c.Collected));
        var loic = all[1];
        Assert.True(await Store.DeleteAsync("camille.martin", loic.Id, None));
        Assert.Null(await Store.FindByAddressAsync("camille.martin", "loic.garnier@ac-exemple.fr", None));
    }

    [Fact]
    public async Task Suggest_StartOfAWord_MostWrittenToFirst_Bounded()
    {
        await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");
        await AddAsync("Michel Hélias", "m.helias@ac-exemple.fr");
        await AddAsync("Rachel Blanc", "r.blanc@ac-exemple.fr");
        await Store.CollectAsync("camille.martin", [new SentRecipient("", "m.helias@ac-exemple.fr")], None);

        var found = await Store.SuggestAsync("camille.martin", "hel", 10, None);
        var one = await Store.SuggestAsync("camille.martin", "hel", 1, None);
        var usual = await Store.SuggestAsync("camille.martin", "", 10, None);

        // « Rachel » holds « hel » but not at the start of a word.
        Assert.Equal(["Michel Hélias", "Hélène Dubois"], found.Select(c => c.Name));
        Assert.Equal(["Michel Hélias"], one.Select(c => c.Name));
        Assert.Equal("Michel Hélias", usual[0].Name);
        Assert.Equal(3, usual.Count);
    }

    [Fact]
    public async Task Search_PercentAndUnderscoreTyped_AreLettersNotWildcards()
    {
        await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");
        await Store.AddAsync("camille.martin", new ContactDraft("Club_Théâtre", ["club.theatre@clg-exemple.fr"], "50% des 4e"), None);

        Assert.Equal(["Club_Théâtre"], (await Store.SearchAsync("camille.martin", "b_th", 1, 10, None)).Items.Select(c => c.Name));
        Assert.Equal(["Club_Théâtre"], (await Store.SearchAsync("camille.martin", "%", 1, 10, None)).Items.Select(c => c.Name));
        Assert.Equal(["Club_Théâtre"], (await Store.SearchAsync("camille.martin", "_", 1, 10, None)).Items.Select(c => c.Name));
        Assert.Equal(0, (await Store.SearchAsync("camille.martin", "h%dubois", 1, 10, None)).Total);
        Assert.Equal(0, (await Store.SearchAsync("camille.martin", @"h\", 1, 10, None)).Total);
        Assert.Empty(await Store.SuggestAsync("camille.martin", "h_", 10, None));
    }

    [Fact]
    public async Task Search_APageAfterTheLast_IsEmpty_WithTheTotalStill()
    {
        await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");

        var beyond = await Store.SearchAsync("camille.martin", "dubois", 3, 10, None);

        Assert.Empty(beyond.Items);
        Assert.Equal(1, beyond.Total);
    }

    [Fact]
    public async Task Suggest_TheMostRecentlyWrittenTo_FirstAmongEqualUses()
    {
        await Store.CollectAsync("camille.martin", [new SentRecipient("Hélène Dubois", "h.dubois@ac-exemple.fr")], None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Store.CollectAsync("camille.martin", [new SentRecipient("Héloïse Petit", "h.petit@ac-exemple.fr")], None);
        await AddAsync("Hélier Roux", "h.roux@ac-exemple.fr");

        Assert.Equal(["Héloïse Petit", "Hélène Dubois", "Hélier Roux"], (await Store.SuggestAsync("camille.martin", "hel", 10, None)).Select(c => c.Name));
    }

    [Fact]
    public async Task Delete_FreesItsAddresses_ForAnotherContact()
    {
        var helene = await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr");

        Assert.True(await Store.DeleteAsync("camille.martin", helene!.Id, None));

        Assert.NotNull(await AddAsync("H. Dubois", "h.dubois@ac-exemple.fr"));
        Assert.False(await Store.DeleteAsync("camille.martin", helene.Id, None));
    }

    [Fact]
    public async Task Update_KeepsItsOwnAddresses_AndFreesThoseItDrops()
    {
        var helene = await AddAsync("Hélène Dubois", "h.dubois@ac-exemple.fr", "helene@ac-exemple.fr");

        Assert.True(await Store.UpdateAsync("camille.martin", helene!.Id, new ContactDraft("Hélène Dubois", ["h.dubois@ac-exemple.fr"], ""), None));

        Assert.NotNull(await AddAsync("Autre Hélène", "helene@ac-exemple.fr"));
        Assert.Equal(helene.Id, (await Store.FindByAddressAsync("camille.martin", "h.dubois@ac-exemple.fr", None))?.Id);
    }

    [Fact]
    public async Task TwoInstances_AddingTheSameAddressAtOnce_OneContactOnly()
    {
        var stores = new[] { Store, SecondInstance(_clock) };

        for (var round = 0; round < 10; round++)
        {
            var address = $"p{round}@ac-exemple.fr";
            var added = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                Task.Run(() => stores[i % 2].AddAsync("camille.martin", new ContactDraft($"Essai {i}", [address], ""), None))));

            Assert.Single(added, c => c is not null);
        }
        Assert.Equal(10, (await Store.AllAsync("camille.martin", None)).Count);
    }

    [Fact]
    public async Task TwoInstances_CollectingTheSameAddressAtOnce_OneContact_EveryUseCounted()
    {
        var stores = new[] { Store, SecondInstance(_clock) };

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => stores[i % 2].CollectAsync("camille.martin", [new SentRecipient("Hélène", "h.dubois@ac-exemple.fr")], None))));

        Assert.Single(await Store.AllAsync("camille.martin", None));
        // Uses order suggestions: the collected contact, written to six times, comes before one written to five.
        for (var i = 0; i < 5; i++)
        {
            await Store.CollectAsync("camille.martin", [new SentRecipient("Hélias", "m.helias@ac-exemple.fr")], None);
        }
        Assert.Equal(["Hélène", "Hélias"], (await Store.SuggestAsync("camille.martin", "hel", 10, None)).Select(c => c.Name));
    }
}

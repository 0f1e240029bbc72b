using System.Diagnostics;
using WebmailLite.Contacts;
using WebmailLite.Storage;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Contacts;

/// <summary>A measured run, not a timing assertion: how long suggesting takes among 2,000 contacts (reported in the note).</summary>
public sealed class SuggestionTimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Suggest_Among2000Contacts_Measured()
    {
        using var database = AppDatabase.InMemory();
        var store = new LiteDbContactStore(database, TimeProvider.System);
        var suggestions = new ContactSuggestions(store);
        string[] first = ["Hélène", "Loïc", "Élodie", "Chloé", "Jérôme", "Anaïs", "François", "Inès", "Noël", "Zoé"];
        for (var i = 0; i < 2_000; i++)
        {
            await store.AddAsync("camille.martin", new ContactDraft($"{first[i % 10]} Nom{i:D4}", [$"p{i:D4}.nom@ac-exemple.fr"], i % 7 == 0 ? "Vie scolaire" : ""), default);
        }
        await suggestions.SuggestAsync("camille.martin", "hel", 8, default);

        var times = new List<double>();
        IReadOnlyList<RecipientSuggestion> found = [];
        foreach (var typed in new[] { "hel", "nom0", "p19", "zoe", "vie", "francois", "xyz", "" })
        {
            var watch = Stopwatch.StartNew();
            found = await suggestions.SuggestAsync("camille.martin", typed, 8, default);
            times.Add(watch.Elapsed.TotalMilliseconds);
            output.WriteLine($"« {typed} »: {found.Count} suggestions in {watch.Elapsed.TotalMilliseconds:F2} ms");
        }
        var watchList = Stopwatch.StartNew();
        var datalist = await suggestions.SuggestAsync("camille.martin", "", 100, default);
        output.WriteLine($"datalist of 100: {watchList.Elapsed.TotalMilliseconds:F2} ms, {datalist.Sum(s => System.Text.Encoding.UTF8.GetByteCount($"<option value=\"{s.Text}\"></option>"))} bytes of options");
        output.WriteLine($"median {times.Order().ElementAt(times.Count / 2):F2} ms, max {times.Max():F2} ms");

        Assert.Equal(8, (await suggestions.SuggestAsync("camille.martin", "hel", 8, default)).Count);
        Assert.All(await suggestions.SuggestAsync("camille.martin", "hel", 8, default), s => Assert.StartsWith("Hélène", s.Name));
        Assert.Empty(await suggestions.SuggestAsync("camille.martin", "xyz", 8, default));
    }
}

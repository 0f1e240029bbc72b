using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Contacts;
using WebmailLite.Tests.Pages.Mail;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WebmailLite.Tests.Pages.Contacts;

/// <summary>
/// /contacts/suggestions, which js/recipients.js asks as one types in À, Cc, Cci; and what the compose page gives that
/// script (the fields it takes over, the live region, its texts).
/// </summary>
public sealed class SuggestionsEndpointTests(ITestOutputHelper output) : IDisposable
{
    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private IContactStore Store => _factory.Services.GetRequiredService<IContactStore>();

    private static string Owner => PracticeSeed.Identifier;

    private Task AddAsync(string name, params string[] addresses) =>
        Store.AddAsync(Owner, new ContactDraft(name, addresses, ""), default);

    private static async Task<List<Dictionary<string, string>>> SuggestAsync(HttpClient client, string typed)
    {
        using var response = await client.GetAsync("/contacts/suggestions?q=" + Uri.EscapeDataString(typed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "suggestions are personal: never cached");
        return JsonSerializer.Deserialize<List<Dictionary<string, string>>>(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task ThreeLettersOfTheName_AccentsAndCaseIgnored_TextAsItGoesIntoTheField()
    {
        await AddAsync("Élodie Petit", "e.petit@ac-exemple.fr");
        await AddAsync("Loïc Garnier", "loic.garnier@ac-exemple.fr");
        await AddAsync("Dubois, Hélène", "h.dubois@ac-exemple.fr", "helene.dubois@clg-exemple.fr");
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var elo = await SuggestAsync(client, "ELO");
        var hel = await SuggestAsync(client, "hél");
        var byAddress = await SuggestAsync(client, "  loic.g ");

        var one = Assert.Single(elo);
        Assert.Equal("Élodie Petit <e.petit@ac-exemple.fr>", one["text"]);
        Assert.Equal("Élodie Petit", one["name"]);
        Assert.Equal("e.petit@ac-exemple.fr", one["address"]);
        // A name with a comma comes quoted, so that it stays one address in a field where commas separate them.
        Assert.Equal(["\"Dubois, Hélène\" <h.dubois@ac-exemple.fr>", "\"Dubois, Hélène\" <helene.dubois@clg-exemple.fr>"], hel.Select(s => s["text"]));
        Assert.Equal("Loïc Garnier <loic.garnier@ac-exemple.fr>", Assert.Single(byAddress)["text"]);
    }

    [Fact]
    public async Task Bounded_NothingTyped_Nothing_UnknownNothing()
    {
        for (var i = 0; i < 20; i++)
        {
            await AddAsync($"Hélène Nom{i:D2}", $"h{i:D2}@ac-exemple.fr");
        }
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        Assert.Equal(8, (await SuggestAsync(client, "hel")).Count);
        Assert.Empty(await SuggestAsync(client, ""));
        Assert.Empty(await SuggestAsync(client, "   "));
        Assert.Empty(await SuggestAsync(client, "xyz"));
        Assert.Empty(await SuggestAsync(client, new string('h', 10_000)));
    }

    [Fact]
    public async Task OnlyTheSignedInPersonsContacts_AndSignedOutGets401()
    {
        await Store.AddAsync(PracticeSeed.SecondIdentifier, new ContactDraft("Élodie Petit", ["e.petit@ac-exemple.fr"], ""), default);
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var signedOut = await _factory.NewClient().GetAsync("/contacts/suggestions?q=elo");

        Assert.Empty(await SuggestAsync(client, "elo"));
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal("[]", await signedOut.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The script asks in the background while the person types; if their session ended meanwhile, the answer must
    /// leave the session cookie alone, or the form they then send could no longer be kept for them (ComposeRescue).
    /// </summary>
    [Fact]
    public async Task SessionEndedWhileTyping_Asking_Gets401_LeavesTheCookie_TheComposeFormIsStillKept()
    {
        var clock = new TestClock();
        using var factory = PracticeFactory.Create(clock);
        await factory.Services.GetRequiredService<IContactStore>().AddAsync(Owner, new ContactDraft("Élodie Petit", ["e.petit@ac-exemple.fr"], ""), default);
        var client = await factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await ComposeMail.OpenAsync(client);
        Assert.Single(await SuggestAsync(client, "elo"));

        clock.Advance(TimeSpan.FromMinutes(16));
        var asked = await client.GetAsync("/contacts/suggestions?q=elo");
        var posted = await ComposeMail.PostAsync(form, client, new()
        {
            ["Input.To"] = "Élodie Petit <e.petit@ac-exemple.fr>",
            ["Input.Subject"] = "Sortie au musée",
            ["Input.Body"] = "Bonjour,\n\nLes autorisations sont à rendre vendredi.",
        });

        // What matters first: the message being written was kept.
        Assert.Equal("/?session=expiree&conserve=1", posted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, asked.StatusCode);
        Assert.False(asked.Headers.Contains("Set-Cookie"), string.Join("; ", asked.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));
    }

    [Fact]
    public async Task ComposePage_GivesTheScriptItsFieldsLiveRegionAndFrenchTexts()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");

        Assert.Equal(["Input_To", "Input_Cc", "Input_Bcc"], page.QueryAll("input[data-recipients]").Select(i => i.Id));
        var status = page.Query("#recipients-status")!;
        Assert.Equal("status", status.GetAttribute("role"));
        Assert.Equal("", status.TextContent);
        var script = page.Query("head script[src*='recipients']")!;
        Assert.True(script.HasAttribute("defer"));
        Assert.Equal("/contacts/suggestions", script.GetAttribute("data-url"));
        Assert.Equal("recipients-status", script.GetAttribute("data-status"));
        Assert.Equal("Adresses suggérées", script.GetAttribute("data-label"));
        Assert.Equal("Aucune suggestion", script.GetAttribute("data-none"));
        Assert.Equal("{0} suggestions : flèches bas et haut pour les parcourir", script.GetAttribute("data-many"));
        // No inline script: the page's CSP allows scripts from the site only.
        Assert.All(page.QueryAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
    }

    [Fact]
    public async Task ComposePage_InEnglish_TheScriptsTextsInEnglish()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        await client.GetAsync("/langue?c=en&retour=%2Fcourrier%2Fecrire");

        var script = (await HtmlPage.GetAsync(client, "/courrier/ecrire")).Query("head script[src*='recipients']")!;

        Assert.Equal("Suggested addresses", script.GetAttribute("data-label"));
        Assert.Equal("No suggestions", script.GetAttribute("data-none"));
        Assert.Equal("1 suggestion: down arrow to choose it", script.GetAttribute("data-one"));
        Assert.Equal("{0} suggestions: down and up arrows to go through them", script.GetAttribute("data-many"));
    }

    /// <summary>A measured run, not a timing assertion: the endpoint end to end (routing, session, store, JSON) among 2,000 contacts.</summary>
    [Fact]
    public async Task Endpoint_Among2000Contacts_Measured()
    {
        string[] first = ["Hélène", "Loïc", "Élodie", "Chloé", "Jérôme", "Anaïs", "François", "Inès", "Noël", "Zoé"];
        for (var i = 0; i < 2_000; i++)
        {
            await AddAsync($"{first[i % 10]} Nom{i:D4}", $"p{i:D4}.nom@ac-exemple.fr");
        }
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        await SuggestAsync(client, "hel");

        var times = new List<double>();
        foreach (var typed in new[] { "hel", "nom0", "p19", "zoe", "francois", "xyz", "elo", "chl", "jer", "ana", "ine", "noe" })
        {
            for (var round = 0; round < 3; round++)
            {
                var watch = Stopwatch.StartNew();
                var found = await SuggestAsync(client, typed);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (round == 0)
                {
                    output.WriteLine($"« {typed} »: {found.Count} suggestions in {watch.Elapsed.TotalMilliseconds:F2} ms");
                }
            }
        }
        var sorted = times.Order().ToList();
        output.WriteLine($"GET /contacts/suggestions among 2,000 contacts, {times.Count} requests in process: median {sorted[sorted.Count / 2]:F2} ms, 90th {sorted[sorted.Count * 9 / 10]:F2} ms, max {sorted[^1]:F2} ms");

        Assert.Equal(8, (await SuggestAsync(client, "hel")).Count);
    }
}

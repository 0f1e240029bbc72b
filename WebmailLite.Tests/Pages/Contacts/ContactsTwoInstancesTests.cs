using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Mail;

namespace WebmailLite.Tests.Pages.Contacts;

/// <summary>« Contacts » on PostgreSQL behind a load balancer: what one instance stored or kept, another shows.</summary>
[Trait("Category", "PostgreSQL")]
public sealed class ContactsTwoInstancesTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly TwoInstances _instances;

    public ContactsTwoInstancesTests() => _instances = new TwoInstances(schema => PracticeFactory.OnPostgres(schema, _clock));

    private WebmailFactory First => _instances.First;

    private WebmailFactory Second => _instances.Second;

    public void Dispose() => _instances.Dispose();

    [Fact]
    public async Task AddedOnOneInstance_FoundOnTheOther_AndItsAddressTakenThere()
    {
        var onFirst = await First.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(onFirst, "/contacts/fiche");
        var added = await form.SubmitAsync(onFirst, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Hélène Dubois",
            ["Input.Addresses"] = "h.dubois@ac-exemple.fr",
        });
        Assert.Equal("/contacts", added.Headers.Location!.OriginalString);

        var onSecond = await Second.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var found = await HtmlPage.GetAsync(onSecond, "/contacts?q=HELENE");
        var again = await (await HtmlPage.GetAsync(onSecond, "/contacts/fiche")).SubmitAsync(onSecond, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Autre",
            ["Input.Addresses"] = "H.Dubois@ac-exemple.fr",
        });

        Assert.Contains("Hélène Dubois", found.Text("tbody th"));
        Assert.Contains("L’adresse H.Dubois@ac-exemple.fr est déjà celle du contact Hélène Dubois", (await HtmlPage.LoadAsync(again)).Text("[role=alert]"));
    }

    [Fact]
    public async Task FormKeptByTheInstanceWhoseSessionEnded_BackOnTheOther()
    {
        var onFirst = await First.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(onFirst, "/contacts/fiche");
        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await form.SubmitAsync(onFirst, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Élodie Petit",
            ["Input.Addresses"] = "e.petit@ac-exemple.fr",
            ["Input.Note"] = "Vie scolaire",
        });
        Assert.Equal("/?session=expiree&conserve=contact&retour=%2Fcontacts%2Ffiche", posted.Headers.Location!.OriginalString);

        var onSecond = await Second.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var restored = await HtmlPage.GetAsync(onSecond, "/contacts/fiche");

        Assert.Equal("Élodie Petit", restored.Query("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("Vie scolaire", restored.Query("#Input_Note")!.TextContent.Trim());
    }
}

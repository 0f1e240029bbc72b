using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Contacts;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Mail;

namespace WebmailLite.Tests.Pages.Contacts;

/// <summary>
/// A contact form posted after the session ended follows the compose rescue rules: kept for its owner, it comes back
/// in that same form (a new contact, or the contact being edited) after they sign in again, unsaved; a post that
/// cannot prove it came from that session keeps nothing.
/// </summary>
public sealed class ContactFormRescueTests : IDisposable
{
    private const string Note = "Vie scolaire, 4e B et 3e A\nJoignable le mardi de 8 h à 12 h — bureau 104";

    private readonly TestClock _clock = new();
    private readonly WebmailFactory _factory;

    public ContactFormRescueTests() => _factory = PracticeFactory.Create(_clock);

    public void Dispose() => _factory.Dispose();

    private async Task<HttpResponseMessage> SignInAgainAsync(HttpClient client, string location)
    {
        var signIn = await HtmlPage.GetAsync(client, location);
        Assert.Equal("Votre fiche de contact en cours a été conservée : elle s’ouvrira après la connexion, pour que vous l’enregistriez.",
            signIn.QueryAll(".banner[role=status] p").Last().TextContent);
        return await signIn.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = PracticeSeed.Identifier,
            ["Input.Password"] = PracticeSeed.Password,
        });
    }

    [Fact]
    public async Task NewContact_SessionExpired_ThenAjouter_FormKept_SignIn_BackOnTheForm_TypedTextUnsaved()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, "/contacts/fiche");

        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "Élodie Petit",
            ["Input.Addresses"] = "e.petit@ac-exemple.fr\nelodie.petit@clg-exemple.fr",
            ["Input.Note"] = Note,
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/?session=expiree&conserve=contact&retour=%2Fcontacts%2Ffiche", posted.Headers.Location!.OriginalString);
        var signedIn = await SignInAgainAsync(client, posted.Headers.Location.OriginalString);
        Assert.Equal("/contacts/fiche", signedIn.Headers.Location!.OriginalString);
        var restored = await HtmlPage.GetAsync(client, "/contacts/fiche");

        Assert.Equal("Élodie Petit", restored.Query("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("e.petit@ac-exemple.fr\nelodie.petit@clg-exemple.fr", restored.Query("#Input_Addresses")!.TextContent.Trim());
        Assert.Equal(Note, restored.Query("#Input_Note")!.TextContent.Trim());
        Assert.Contains("rien n’est encore enregistré", restored.Text("main [role=status]"));
        // Not saved behind the person's back, and shown once.
        Assert.Equal(0, (await _factory.Services.GetRequiredService<IContactStore>().SearchAsync(PracticeSeed.Identifier, null, 1, 50, default)).Total);
        Assert.Equal("", (await HtmlPage.GetAsync(client, "/contacts/fiche")).Query("#Input_Note")!.TextContent.Trim());

        var saved = await restored.SubmitAsync(client, "main form");
        Assert.Equal("/contacts", saved.Headers.Location!.OriginalString);
        var contact = Assert.Single((await _factory.Services.GetRequiredService<IContactStore>().SearchAsync(PracticeSeed.Identifier, null, 1, 50, default)).Items);
        Assert.Equal(Note, contact.Note);
    }

    [Fact]
    public async Task EditedContact_SessionExpired_ComesBackInThatContactsForm_NotInAnother()
    {
        var store = _factory.Services.GetRequiredService<IContactStore>();
        var helene = (await store.AddAsync(PracticeSeed.Identifier, new ContactDraft("Hélène Dubois", ["h.dubois@ac-exemple.fr"], ""), default))!;
        var loic = (await store.AddAsync(PracticeSeed.Identifier, new ContactDraft("Loïc Garnier", ["loic.garnier@ac-exemple.fr"], ""), default))!;
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var url = "/contacts/fiche?id=" + helene.Id;
        var form = await HtmlPage.GetAsync(client, url);

        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Note"] = Note });

        Assert.Equal("/?session=expiree&conserve=contact&retour=" + Uri.EscapeDataString(url), posted.Headers.Location!.OriginalString);
        var signedIn = await SignInAgainAsync(client, posted.Headers.Location.OriginalString);
        Assert.Equal(url, signedIn.Headers.Location!.OriginalString);
        var other = await HtmlPage.GetAsync(client, "/contacts/fiche?id=" + loic.Id);
        var restored = await HtmlPage.GetAsync(client, url);

        Assert.Equal("", other.Query("#Input_Note")!.TextContent.Trim());
        Assert.Null(other.Query("main [role=status]"));
        Assert.Equal(Note, restored.Query("#Input_Note")!.TextContent.Trim());
        Assert.Equal("Hélène Dubois", restored.Query("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("", (await store.GetAsync(PracticeSeed.Identifier, helene.Id, default))!.Note);
    }

    [Fact]
    public async Task SessionExpired_PostWithoutAValidToken_KeepsNothing()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        await HtmlPage.GetAsync(client, "/contacts/fiche");

        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await client.PostAsync("/contacts/fiche", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Note"] = Note, ["Input.Addresses"] = "x@ac-exemple.fr" }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain("conserve", posted.Headers.Location!.OriginalString);
        await client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Assert.Equal("", (await HtmlPage.GetAsync(client, "/contacts/fiche")).Query("#Input_Note")!.TextContent.Trim());
    }

    [Fact]
    public async Task LiveSession_PostWithoutToken_Refused_NoSessionCookie_Challenged()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var forged = await client.PostAsync("/contacts/fiche", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Addresses"] = "x@ac-exemple.fr" }));
        var anonymous = await _factory.NewClient().PostAsync("/contacts/fiche", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Addresses"] = "x@ac-exemple.fr" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.DoesNotContain("conserve", anonymous.Headers.Location!.OriginalString);
        Assert.Equal(0, (await _factory.Services.GetRequiredService<IContactStore>().SearchAsync(PracticeSeed.Identifier, null, 1, 50, default)).Total);
    }
}

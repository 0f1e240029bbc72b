using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Mail;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>
/// The « Préférences » form posted after the session ended follows the compose rescue rules: kept for its owner, it
/// comes back after they sign in again, unsaved; a post that cannot prove it came from that session keeps nothing.
/// </summary>
public sealed class PreferencesRescueTests : IDisposable
{
    private const string Url = "/parametres/preferences";
    private const string Signature = "Camille Martin\nSecrétaire de direction\nCollège Jean Moulin — 59000 Lille";

    private readonly TestClock _clock = new();
    private readonly WebmailFactory _factory;

    public PreferencesRescueTests() => _factory = PracticeFactory.Create(_clock);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SessionExpired_ThenEnregistrer_FormKept_SignIn_BackOnPreferences_TypedTextUnsaved()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var form = await HtmlPage.GetAsync(client, Url);

        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Signature"] = Signature,
            ["Input.PageSize"] = "100",
            ["Input.Placement"] = "AboveQuote",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/?session=expiree&conserve=preferences&retour=%2Fparametres%2Fpreferences", posted.Headers.Location!.OriginalString);
        var signIn = await HtmlPage.GetAsync(client, posted.Headers.Location.OriginalString);
        Assert.Equal("Vos préférences en cours ont été conservées : elles s'ouvriront après la connexion, pour que vous les enregistriez.",
            signIn.QueryAll(".banner[role=status] p").Last().TextContent);

        var signedIn = await signIn.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = PracticeSeed.Identifier,
            ["Input.Password"] = PracticeSeed.Password,
        });
        Assert.Equal(Url, signedIn.Headers.Location!.OriginalString);
        var restored = await HtmlPage.GetAsync(client, Url);

        Assert.Equal(Signature, restored.Query("#Input_Signature")!.TextContent);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)restored.Query("#Input_PageSize_100")!).IsChecked);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)restored.Query("#Input_Placement_AboveQuote")!).IsChecked);
        Assert.Contains("rien n'est encore enregistré", restored.Text("main [role=status]"));
        // Not saved behind the person's back, and shown once.
        Assert.Equal("", (await HtmlPage.GetAsync(client, "/courrier/ecrire")).Query("#Input_Body")!.TextContent);
        Assert.Equal("", (await HtmlPage.GetAsync(client, Url)).Query("#Input_Signature")!.TextContent);

        var saved = await restored.SubmitAsync(client, "main form");
        Assert.Equal(Url, saved.Headers.Location!.OriginalString);
        Assert.EndsWith("-- \n" + Signature + "\n", (await HtmlPage.GetAsync(client, "/courrier/ecrire")).Query("#Input_Body")!.TextContent);
    }

    [Fact]
    public async Task SessionExpired_PostWithoutAValidToken_KeepsNothing()
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        await HtmlPage.GetAsync(client, Url);

        _clock.Advance(TimeSpan.FromMinutes(16));
        var posted = await client.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Signature"] = Signature }));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain("conserve", posted.Headers.Location!.OriginalString);
        Assert.StartsWith("/?session=expiree", posted.Headers.Location.OriginalString);
        Assert.Equal("/courrier", (await client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password)).Headers.Location!.OriginalString);
        Assert.Equal("", (await HtmlPage.GetAsync(client, Url)).Query("#Input_Signature")!.TextContent);
    }

    [Fact]
    public async Task NoSessionCookie_Post_IsChallenged_KeepsNothing()
    {
        var client = _factory.NewClient();

        var response = await client.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Signature"] = Signature }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("conserve", response.Headers.Location!.OriginalString);
    }
}

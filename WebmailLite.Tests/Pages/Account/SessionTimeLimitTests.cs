using System.Net;
using System.Text.Json;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Account;

/// <summary>
/// The time limit people can handle (WCAG 2.2.1): what the pages tell the browser of the time left, the status that does
/// not count as activity, « Rester connecté », the end of a page, reading pages clearing themselves without script, and
/// the rule said before signing in. The browser side is in <c>SessionTimeoutBrowserTests</c>.
/// </summary>
public sealed class SessionTimeLimitTests : ClockedAppTests
{
    [Fact]
    public async Task SignedInPage_GivesTheScriptTheTimeLeftAndWhenToWarn_FromTheSettings()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, "/courrier");

        var dialog = page.Query("dialog#expiry") ?? throw new InvalidOperationException("no warning dialog");
        Assert.Equal("alertdialog", dialog.GetAttribute("role"));
        Assert.Equal("900", dialog.GetAttribute("data-remaining"));
        Assert.Equal("120", dialog.GetAttribute("data-warn"));
        Assert.Equal("/session?handler=Status", dialog.GetAttribute("data-status"));
        Assert.Equal("/session?retour=%2Fcourrier", dialog.GetAttribute("data-end"));
        Assert.Equal("Votre session va bientôt se terminer", page.Text("#expiry-t"));
        Assert.Contains("vous serez déconnecté dans 2 minutes", page.Text("#expiry-d"));
        Assert.Equal("Rester connecté", page.Text("#expiry form button"));
        var script = page.Query("script[src*='session-timeout']") ?? throw new InvalidOperationException("no script");
        Assert.True(script.HasAttribute("defer"));
    }

    [Fact]
    public async Task InEnglish_TheWarningAndTheRuleSpeakEnglish()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        await client.GetAsync("/langue?c=en&retour=%2Fcourrier");

        var page = await HtmlPage.GetAsync(client, "/courrier");
        var visitor = Factory.NewClient();
        await visitor.GetAsync("/langue?c=en");
        var signIn = await HtmlPage.GetAsync(visitor, "/");

        Assert.Equal("Your session is about to end", page.Text("#expiry-t"));
        Assert.Contains("Without activity, you will be signed out in 2 minutes, to protect your mailbox.", page.Text("#expiry-d"));
        Assert.Equal("Stay signed in", page.Text("#expiry form button"));
        Assert.Equal("1 minute|{0} minutes|1 second|{0} seconds", page.Query("#expiry")?.GetAttribute("data-units"));
        Assert.Contains("This page will then close by itself.", page.Text("footer"));
        Assert.Contains("After 15 minutes without activity (shared computer) or 1 hour (personal computer) you are signed out; a warning appears 2 minutes before, with a button to stay signed in.", signIn.Text("main"));
    }

    [Fact]
    public async Task SignInPage_StatesTheRule_WithTheSettingsValues_AndHasNoWarning()
    {
        var page = await HtmlPage.GetAsync(Factory.NewClient(), "/");

        Assert.Contains("Sans activité pendant 15 minutes (ordinateur partagé) ou 1 heure (ordinateur personnel), vous êtes déconnecté ; un avertissement s'affiche 2 minutes avant, avec un bouton pour rester connecté.", page.Text("main"));
        Assert.Null(page.Query("#expiry"));
        Assert.Null(page.Query("noscript"));
    }

    [Fact]
    public async Task Status_DoesNotCountAsActivity()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(300, await RemainingAsync(client));
        Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(60, await RemainingAsync(client));

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await RemainingAsync(client));
        var response = await client.GetAsync("/courrier");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?session=expiree", response.Headers.Location?.OriginalString);
    }

    /// <summary>Before the end, the idle clock starts again (900 s left); after it, nothing is left to extend.</summary>
    [Theory]
    [InlineData(14, 900)]
    [InlineData(15, 0)]
    public async Task StaySignedIn_AnswersTheTimeLeft_AndBeforeTheEndRestartsTheIdleClock(int idleMinutes, int remaining)
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var page = await HtmlPage.GetAsync(client, "/courrier");
        Clock.Advance(TimeSpan.FromMinutes(idleMinutes));

        var response = await PostAsJsonCallerAsync(client, page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(remaining, Remaining(await response.Content.ReadAsStringAsync()));
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(remaining > 0 ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await client.GetAsync("/courrier")).StatusCode);
    }

    [Fact]
    public async Task StaySignedIn_NearTheAbsoluteLimit_GainsNothingPastIt()
    {
        // Active every 14 minutes, up to 9 h 48 after sign-in.
        var client = await ActiveUpToAsync(42, TimeSpan.FromMinutes(14));
        var page = await HtmlPage.GetAsync(client, "/courrier");
        Clock.Advance(TimeSpan.FromMinutes(11));

        var response = await PostAsJsonCallerAsync(client, page);

        // 9 h 59 after sign-in: one minute left, whatever « Rester connecté » does.
        Assert.Equal(60, Remaining(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task StaySignedIn_PostedWithoutTheScript_ExtendsAndGoesToTheInbox()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var page = await HtmlPage.GetAsync(client, "/courrier/message?dossier=INBOX&uid=1");
        Clock.Advance(TimeSpan.FromMinutes(14));

        var response = await page.SubmitAsync(client, "#expiry form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/courrier", response.Headers.Location?.OriginalString);
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(60, await RemainingAsync(client));
    }

    [Fact]
    public async Task StaySignedIn_WithoutAValidToken_IsRefused_AndExtendsNothing()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Clock.Advance(TimeSpan.FromMinutes(14));

        var response = await client.PostAsync("/session", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(60, await RemainingAsync(client));
    }

    [Fact]
    public async Task End_OnceTheSessionEnded_IsTheSignedOutPage_ThenBackToThePage()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Clock.Advance(TimeSpan.FromMinutes(15));

        var response = await client.GetAsync("/session?retour=%2Fcourrier%2Fmessage%3Fdossier%3DINBOX%26uid%3D1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?session=expiree&retour=%2Fcourrier%2Fmessage%3Fdossier%3DINBOX%26uid%3D1", response.Headers.Location?.OriginalString);
        var signIn = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Votre session a expiré", signIn.Text("[role=status]"));
    }

    [Theory]
    [InlineData("https://ailleurs.example/")]
    [InlineData("//ailleurs.example/")]
    [InlineData("/session")]
    public async Task End_NeverSendsElsewhere(string returnUrl)
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Clock.Advance(TimeSpan.FromMinutes(15));

        var response = await client.GetAsync("/session?retour=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal("/?session=expiree&retour=%2Fcourrier", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task End_WhileAnotherTabKeptTheSessionGoing_ShowsNoMail_DoesNotExtend_AndComesBackAtTheEnd()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var page = await HtmlPage.GetAsync(client, "/session?retour=%2Fcourrier");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Votre session est toujours ouverte", page.Text("h1"));
        Assert.Contains("vous serez déconnecté dans 5 minutes", page.Text("main"));
        Assert.Equal("/courrier", page.Query("main a")?.GetAttribute("href"));
        Assert.Null(page.Query("table"));
        Assert.Equal(302, RefreshSeconds(page));
        Assert.Equal("/session?retour=%2Fcourrier", RefreshUrl(page));
        Assert.Equal(300, await RemainingAsync(client));
    }

    /// <summary>
    /// Reading pages go by themselves to the end page (the idle limit, 900 s, and the margin that makes sure the server
    /// has ended the session) and say so; pages with a form (no end page) never leave by themselves.
    /// </summary>
    [Theory]
    [InlineData("/courrier", "/session?retour=%2Fcourrier")]
    [InlineData("/courrier/message?dossier=INBOX&uid=1", "/session?retour=%2Fcourrier%2Fmessage%3Fdossier%3DINBOX%26uid%3D1")]
    [InlineData("/courrier/recherche?q=sortie", "/session?retour=%2Fcourrier%2Frecherche%3Fq%3Dsortie")]
    [InlineData("/courrier/attente", "/session?retour=%2Fcourrier%2Fattente")]
    [InlineData("/contacts", "/session?retour=%2Fcontacts")]
    [InlineData("/parametres/securite", "/session?retour=%2Fparametres%2Fsecurite")]
    [InlineData("/courrier/ecrire", null)]
    [InlineData("/parametres/preferences", null)]
    [InlineData("/contacts/fiche", null)]
    [InlineData("/courrier/dossiers", null)]
    [InlineData("/parametres/securite/mot-de-passe", null)]
    public async Task WithoutScript_ReadingPagesGoToTheEndAndSaySo_PagesWithAFormNeverLeave(string path, string? end)
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        if (end is null)
        {
            Assert.DoesNotContain("http-equiv=\"refresh\"", page.Html);
            Assert.DoesNotContain("se fermera alors", page.Text("footer"));
            return;
        }
        Assert.Equal(902, RefreshSeconds(page));
        Assert.Equal(end, RefreshUrl(page));
        Assert.Contains("Cette page se fermera alors d'elle-même.", page.Text("footer"));
    }

    [Theory]
    [InlineData("/courrier/ecrire", "/courrier/ecrire?handler=Keep")]
    [InlineData("/parametres/preferences", "/parametres/preferences?handler=Keep")]
    [InlineData("/contacts/fiche", "/contacts/fiche?handler=Keep")]
    public async Task KeptForms_TellTheScriptWhereToKeepThem(string path, string keep)
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, path);

        Assert.Equal(keep, page.Query("main form[data-keep]")?.GetAttribute("data-keep"));
    }

    [Fact]
    public async Task RefreshOfAReadingPage_CountsTheAbsoluteLimitToo()
    {
        // Active every 14.5 minutes, up to 9 h 54.5 after sign-in: 5.5 minutes before the absolute limit.
        var client = await ActiveUpToAsync(41, TimeSpan.FromMinutes(14.5));

        var page = await HtmlPage.GetAsync(client, "/courrier");

        Assert.Equal(330 + 2, RefreshSeconds(page));
        Assert.Equal("330", page.Query("#expiry")?.GetAttribute("data-remaining"));
    }

    /// <summary>Signed in, then a page opened <paramref name="times"/> times, <paramref name="every"/> apart (within the idle limit).</summary>
    private async Task<HttpClient> ActiveUpToAsync(int times, TimeSpan every)
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        for (var i = 0; i < times; i++)
        {
            Clock.Advance(every);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier/attente")).StatusCode);
        }
        return client;
    }

    private static async Task<int> RemainingAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/session?handler=Status");
        request.Headers.Accept.ParseAdd("application/json");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Remaining(await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the script sends for « Rester connecté »: the dialog's form, asking for JSON.</summary>
    private static async Task<HttpResponseMessage> PostAsJsonCallerAsync(HttpClient client, HtmlPage page)
    {
        var token = page.Query("#expiry input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no token");
        var request = new HttpRequestMessage(HttpMethod.Post, "/session") { Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]) };
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    private static int Remaining(string json) => JsonDocument.Parse(json).RootElement.GetProperty("remaining").GetInt32();

    // The meta element sits in <noscript>, which AngleSharp (scripting on) reads as text: read it from the source.
    private static string Refresh(HtmlPage page)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page.Html, "<noscript><meta http-equiv=\"refresh\" content=\"([^\"]*)\"></noscript>");
        Assert.True(match.Success, "no refresh in <noscript>");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static int RefreshSeconds(HtmlPage page) => int.Parse(Refresh(page).Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static string RefreshUrl(HtmlPage page) => Refresh(page).Split(";url=")[1];
}

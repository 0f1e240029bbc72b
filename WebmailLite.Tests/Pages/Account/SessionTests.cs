using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Account;

/// <summary>The session's life: no-store pages, sign-out that really ends it, idle and absolute limits.</summary>
public sealed class SessionTests : ClockedAppTests
{
    [Fact]
    public async Task MailPages_WithoutSession_RedirectToSignIn_WithTheReturnPath()
    {
        var response = await Factory.NewClient().GetAsync("/courrier");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?retour=%2Fcourrier", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignedInPages_AreNoStore_WithStrictSecurityHeaders()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var response = await client.GetAsync("/courrier");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_ClearsSiteData_AndTheOldCookieNoLongerWorks()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var cookie = inbox.Response.RequestMessage!.Headers.TryGetValues("Cookie", out var c) ? string.Join("; ", c) : null;

        var response = await inbox.SubmitAsync(client, "form.out");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?session=fermee", response.Headers.Location?.OriginalString);
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", response.Headers.GetValues("Clear-Site-Data").Single());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("wl_session=;", StringComparison.Ordinal));

        // Replay the old cookie from another client: the server forgot the session.
        var replay = Factory.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/courrier");
        request.Headers.Add("Cookie", cookie ?? throw new InvalidOperationException("no cookie sent"));
        var replayed = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/?session=expiree", replayed.Headers.Location?.OriginalString);
        var notice = await HtmlPage.GetAsync(Factory.NewClient(), replayed.Headers.Location!.OriginalString);
        Assert.Contains("Votre session a expiré", notice.Text("[role=status]"));
    }

    [Fact]
    public async Task SignOut_WithoutAValidToken_IsRefused()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var response = await client.PostAsync("/deconnexion", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier")).StatusCode);
    }

    [Fact]
    public async Task SharedComputer_IdleFor15Minutes_SessionExpires_WithANotice()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier")).StatusCode);
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier")).StatusCode);

        Clock.Advance(TimeSpan.FromMinutes(15));
        var response = await client.GetAsync("/courrier");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?session=expiree", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PersonalComputer_Lasts60IdleMinutes_ButNotBeyondTheAbsoluteLimit()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password, "Personal");
        Clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier")).StatusCode);
        for (var i = 0; i < 9; i++)
        {
            // 55 idle minutes each time: within the personal limit, so the session lives on.
            Clock.Advance(TimeSpan.FromMinutes(55));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/courrier")).StatusCode);
        }

        // 50 + 10 × 55 minutes = 10 hours since sign-in: the absolute limit ends it.
        Clock.Advance(TimeSpan.FromMinutes(55));
        var response = await client.GetAsync("/courrier");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignedInPage_StatesTheLimitInWords()
    {
        var client = await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        var page = await HtmlPage.GetAsync(client, "/courrier");

        Assert.Contains("Ordinateur partagé : déconnexion automatique après 15 minutes sans activité, et au plus tard 10 heures après la connexion.", page.Text("footer"));
    }

    [Fact]
    public async Task Sweeper_LogsOutIdleSessions()
    {
        await Factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        var sessions = Factory.Services.GetRequiredService<WebmailLite.Mail.Sessions.MailSessionManager>();
        Assert.Equal(1, sessions.Count);

        Clock.Advance(TimeSpan.FromMinutes(16));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sessions.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, sessions.Count);
    }
}

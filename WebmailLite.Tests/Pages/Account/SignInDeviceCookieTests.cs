using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Account;

/// <summary>
/// Issue 10, point 3: a stranger who knows only an identifier can no longer keep its owner out. Five wrong passwords
/// from anywhere still block every unknown client for that identifier; the owner's browser, given a device cookie
/// at an earlier sign-in on a personal computer, is counted on its own.
/// </summary>
public sealed class SignInDeviceCookieTests : IDisposable
{
    private const string Blocked = "Trop de tentatives de connexion ont échoué.";

    private readonly WebmailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>A browser whose cookies the test can read and write.</summary>
    private (HttpClient Client, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        return (_factory.CreateDefaultClient(_factory.ClientOptions.BaseAddress, new CookieContainerHandler(cookies)), cookies);
    }

    private string? DeviceCookieOf(CookieContainer cookies) => cookies.GetCookies(_factory.ClientOptions.BaseAddress)["wl_device"]?.Value;

    /// <summary>Signs in on a personal computer and out again, as the owner does on their own computer: the browser keeps its device cookie.</summary>
    private async Task<(HttpClient Client, CookieContainer Cookies, HttpResponseMessage SignIn, HttpResponseMessage SignOut)> OwnersBrowserAsync(string identifier)
    {
        var (client, cookies) = NewBrowser();
        var signIn = await client.SignInAsync(identifier, PracticeSeed.Password, computer: "Personal");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var inbox = await HtmlPage.GetAsync(client, "/courrier");
        var signOut = await inbox.SubmitAsync(client, "form.out");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        return (client, cookies, signIn, signOut);
    }

    private async Task StrangerFailsFiveTimesAsync(string identifier)
    {
        var stranger = _factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var page = await HtmlPage.LoadAsync(await stranger.SignInAsync(identifier, "devine-" + i));
            Assert.StartsWith("L'identifiant académique ou le mot de passe est incorrect.", page.Text(".err-sum li"));
        }
    }

    [Fact]
    public async Task StrangerFailsFiveTimes_UnknownClientsAreBlocked_ButTheOwnersBrowserSignsIn()
    {
        var owner = await OwnersBrowserAsync(PracticeSeed.Identifier);
        await StrangerFailsFiveTimesAsync(PracticeSeed.Identifier);

        var strangerRight = await HtmlPage.LoadAsync(await _factory.NewClient().SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password));
        var ownerRight = await owner.Client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password, computer: "Personal");

        // Still slowed down: even the right password from an unknown client waits.
        Assert.StartsWith(Blocked, strangerRight.Text(".err-sum li"));
        // The owner is not kept out (before: 200 with the same « Trop de tentatives » message).
        Assert.Equal(HttpStatusCode.Redirect, ownerRight.StatusCode);
        Assert.Equal("/courrier", ownerRight.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DeviceCookie_IsHttpOnlyStrictLongLived_NamesNoOne_AndSurvivesSignOutOnAPersonalComputer()
    {
        var owner = await OwnersBrowserAsync(PracticeSeed.Identifier);

        var cookie = Assert.Single(owner.SignIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wl_device=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("camille", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(DeviceCookieOf(owner.Cookies));
        // Personal computer: Clear-Site-Data leaves cookies (the session cookie is deleted on its own).
        Assert.Equal("\"cache\", \"storage\"", owner.SignOut.Headers.GetValues("Clear-Site-Data").Single());
    }

    [Fact]
    public async Task SharedComputer_GetsNoDeviceCookie()
    {
        var (client, cookies) = NewBrowser();

        var response = await client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wl_device=", StringComparison.Ordinal));
        Assert.Null(DeviceCookieOf(cookies));
    }

    [Fact]
    public async Task ForgedTamperedOrAnotherIdentifiersDeviceCookie_GivesNoWayAround()
    {
        var julien = await OwnersBrowserAsync(PracticeSeed.SecondIdentifier);
        var camille = await OwnersBrowserAsync(PracticeSeed.Identifier);
        var genuine = DeviceCookieOf(camille.Cookies)!;
        var tampered = genuine[..^4] + (genuine[^4] == 'A' ? 'B' : 'A') + genuine[^3..];
        await StrangerFailsFiveTimesAsync(PracticeSeed.Identifier);

        var results = new Dictionary<string, string>();
        foreach (var (name, value) in new[] { ("another identifier's", DeviceCookieOf(julien.Cookies)!), ("forged", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ("tampered", tampered) })
        {
            var (client, cookies) = NewBrowser();
            cookies.Add(_factory.ClientOptions.BaseAddress, new Cookie("wl_device", value));
            var page = await HtmlPage.LoadAsync(await client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password));
            results[name] = page.Query(".err-sum li")?.TextContent.Trim() ?? $"{(int)page.Status} {page.Response.Headers.Location}";
        }

        Assert.All(results, r => Assert.StartsWith(Blocked, r.Value));
    }

    [Fact]
    public async Task OwnersBrowser_HasItsOwnLimit_AndItsFailuresDoNotBlockTheIdentifier()
    {
        var owner = await OwnersBrowserAsync(PracticeSeed.Identifier);
        for (var i = 0; i < 5; i++)
        {
            await owner.Client.SignInAsync(PracticeSeed.Identifier, "faute-de-frappe-" + i);
        }

        var ownerRight = await HtmlPage.LoadAsync(await owner.Client.SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password));
        var elsewhereRight = await _factory.NewClient().SignInAsync(PracticeSeed.Identifier, PracticeSeed.Password);

        // Someone at the owner's keyboard is slowed down like anyone else…
        Assert.StartsWith(Blocked, ownerRight.Text(".err-sum li"));
        // …and what was typed there does not count against the identifier on other clients.
        Assert.Equal(HttpStatusCode.Redirect, elsewhereRight.StatusCode);
    }
}

using System.Net;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages;

/// <summary>Methods other than GET, HEAD and POST are refused everywhere with 405 and an Allow header, never a page.</summary>
public sealed class AllowedMethodsTests : IClassFixture<AllowedMethodsTests.Fixture>
{
    private readonly WebmailFactory _factory;

    public AllowedMethodsTests(Fixture factory) => _factory = factory;

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("OPTIONS", "/")]
    [InlineData("OPTIONS", "/aide/se-connecter")]
    [InlineData("TRACE", "/mot-de-passe-oublie")]
    [InlineData("OPTIONS", "/courrier")]
    [InlineData("PUT", "/courrier/ecrire")]
    [InlineData("DELETE", "/courrier/message?dossier=INBOX&uid=1")]
    [InlineData("PATCH", "/une-page-qui-n-existe-pas")]
    public async Task OtherMethods_Get405WithAllow_AndNoPage(string method, string url)
    {
        var client = await _factory.SignedInAsync(PracticeSeed.Identifier, PracticeSeed.Password);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order());
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task GetAndHead_StillServeThePage(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/");

        using var response = await _factory.NewClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>One practice app for the class.</summary>
    public sealed class Fixture : WebmailFactory;
}

using System.Net;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Pages;

/// <summary>Limits per client address count the client named by a trusted proxy, not the proxy itself.</summary>
public sealed class ReverseProxyTests : IDisposable
{
    private readonly WebmailFactory _factory = new(new Dictionary<string, string?>
    {
        ["Recovery:MaxFailuresPerAddress"] = "2",
        // The test host's connection has no address; name it as the proxy so the header is believed.
        ["ReverseProxy:KnownProxies:0"] = "127.0.0.1",
    });

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task WrongCodes_FromTwoClientsBehindTheProxy_AreCountedApart()
    {
        var first = await BlockedAfterTwoWrongCodesAsync("203.0.113.1");
        var second = await HtmlPage.LoadAsync(await WrongCodeAsync(NewClient("203.0.113.2")));

        Assert.Contains("Trop de codes faux", first.Text("#Input_Code-error"));
        Assert.DoesNotContain("Trop de codes faux", second.Text("#Input_Code-error"));
    }

    private async Task<HtmlPage> BlockedAfterTwoWrongCodesAsync(string address)
    {
        var client = NewClient(address);
        await WrongCodeAsync(client);
        await WrongCodeAsync(client);
        return await HtmlPage.LoadAsync(await WrongCodeAsync(client));
    }

    private async Task<HttpResponseMessage> WrongCodeAsync(HttpClient client)
    {
        if ((await client.GetAsync("/mot-de-passe-oublie/code")).StatusCode == HttpStatusCode.Redirect)
        {
            await RecoveryFlow.StartAsync(client, "personne");
        }
        return await RecoveryFlow.TypeCodeAsync(client, "12345678");
    }

    private HttpClient NewClient(string forwardedFor)
    {
        var client = _factory.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}

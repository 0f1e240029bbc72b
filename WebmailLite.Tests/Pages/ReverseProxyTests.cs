using System.Net;
using WebmailLite.Tests.Browser;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Pages;

/// <summary>
/// Limits per client address count the client named by a listed proxy, and only by a listed one. On a real Kestrel
/// port on loopback: the in-process test host has no connection address, and the forwarded-headers middleware then
/// believes any header whatever is configured.
/// </summary>
public sealed class ReverseProxyTests
{
    private static readonly Dictionary<string, string?> TwoWrongCodesPerAddress = new() { ["Recovery:MaxFailuresPerAddress"] = "2" };

    [Fact]
    public async Task WrongCodes_FromTwoClientsBehindAListedLocalProxy_AreCountedApart()
    {
        using var server = new LiveServer(new Dictionary<string, string?>(TwoWrongCodesPerAddress) { ["ReverseProxy:KnownProxies:0"] = "127.0.0.1" });

        var first = await BlockedAfterTwoWrongCodesAsync(server, "203.0.113.1");
        var second = await HtmlPage.LoadAsync(await WrongCodeAsync(NewClient(server, "203.0.113.2")));

        Assert.Contains("Trop de codes faux", first.Text("#Input_Code-error"));
        Assert.DoesNotContain("Trop de codes faux", second.Text("#Input_Code-error"));
    }

    [Fact]
    public async Task ForwardedFor_FromAnUnlistedLocalClient_IsIgnored_SoAFreshAddressEscapesNothing()
    {
        // No proxy listed: a client on the same host (a tunnel, a TCP pass-through) sends the header itself.
        using var server = new LiveServer(TwoWrongCodesPerAddress);

        var first = await BlockedAfterTwoWrongCodesAsync(server, "203.0.113.1");
        var second = await HtmlPage.LoadAsync(await WrongCodeAsync(NewClient(server, "203.0.113.2")));

        Assert.Contains("Trop de codes faux", first.Text("#Input_Code-error"));
        Assert.Contains("Trop de codes faux", second.Text("#Input_Code-error"));
    }

    private static async Task<HtmlPage> BlockedAfterTwoWrongCodesAsync(LiveServer server, string address)
    {
        var client = NewClient(server, address);
        await WrongCodeAsync(client);
        await WrongCodeAsync(client);
        return await HtmlPage.LoadAsync(await WrongCodeAsync(client));
    }

    private static async Task<HttpResponseMessage> WrongCodeAsync(HttpClient client)
    {
        if ((await client.GetAsync("/mot-de-passe-oublie/code")).StatusCode == HttpStatusCode.Redirect)
        {
            await RecoveryFlow.StartAsync(client, "personne");
        }
        return await RecoveryFlow.TypeCodeAsync(client, "12345678");
    }

    private static HttpClient NewClient(LiveServer server, string forwardedFor)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Mail.Sessions;
using WebmailLite.Operations;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Operations;

/// <summary>
/// Health for the load balancer and metrics for the operators, with the test Dovecot behind the app: what a probe and a
/// Prometheus scrape get. The in-memory server has no client address; <see cref="FromLoopback"/> gives its requests the
/// one a scraper on the same machine has.
/// </summary>
[Trait("Category", "MailServer")]
public sealed partial class OperationsEndpointsTests
{
    [Fact]
    public async Task Live_AndReady_WithTheStoreAndDovecotUp()
    {
        using var server = Dovecot();
        using var client = server.NewClient();

        using var live = await client.GetAsync(OperationsEndpoints.Live);
        using var ready = await client.GetAsync(OperationsEndpoints.Ready);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_Fails_WhenTheImapServerCannotBeReached_WhileLiveStillAnswers()
    {
        using var server = Dovecot(new() { ["Mail:Imap:Port"] = ClosedPort().ToString(CultureInfo.InvariantCulture) });
        using var client = server.NewClient();

        using var live = await client.GetAsync(OperationsEndpoints.Live);
        using var ready = await client.GetAsync(OperationsEndpoints.Ready);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The app started as its own process, as in production: OpenTelemetry listens to meters process-wide, and in the
    /// test process every other test's app has a « WebmailLite » meter of the same name (and disposes it when it stops,
    /// which silences that name for every listener).
    /// </summary>
    [Fact]
    public async Task Metrics_CountSignInsSessionsAndImapConnections_AndNameNobody()
    {
        var account = await MailServer.Instance.CreateAccountAsync("metriques");
        var folder = Directory.CreateTempSubdirectory("webmaillite-metrics-");
        try
        {
            var settings = new Dictionary<string, string?>(WebmailFactory.DovecotSettings(new() { ["Storage:Path"] = Path.Combine(folder.FullName, "webmaillite.db") }));
            foreach (var (key, value) in WebmailFactory.TestCostSettings)
            {
                settings[key] = value;
            }
            using var app = AppProcess.Start(AppProcess.BuildOutput(), folder.FullName, settings);
            await app.WaitUntilListeningAsync();
            using var scraper = app.NewClient();
            using var stranger = app.NewClient();
            using var person = app.NewClient();
            await stranger.SignInAsync(account.Identifier, "pas-le-bon-mot-de-passe");
            using (var signIn = await person.SignInAsync(account.Identifier, account.Password))
            {
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }

            var signedIn = await ScrapeAsync(scraper);

            Assert.Equal(1, Value(signedIn, "webmaillite_signins_total", "outcome=\"success\""));
            Assert.Equal(1, Value(signedIn, "webmaillite_signins_total", "outcome=\"bad_credentials\""));
            Assert.Equal(1, Value(signedIn, "webmaillite_sessions"));
            Assert.Equal(1, Value(signedIn, "webmaillite_imap_connections"));
            Assert.Equal(0, Value(signedIn, "webmaillite_outbox_messages"));
            Assert.Contains("http_server_request_duration_seconds_bucket", signedIn, StringComparison.Ordinal);
            Assert.DoesNotContain(account.Identifier, signedIn, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Idle release seen by the operators: the session stays, its IMAP connection goes; the next click brings it back.</summary>
    [Fact]
    public async Task IdleRelease_TheSessionStays_ItsConnectionGoes_AndTheNextClickBringsItBack()
    {
        var account = await MailServer.Instance.CreateAccountAsync("liberer-page");
        using var server = Dovecot();
        using var person = await server.SignedInAsync(account.Identifier, account.Password);
        var sessions = server.Services.GetRequiredService<MailSessionManager>();
        Assert.Equal(1, await MailServer.Instance.ImapConnectionsAsync(account, expected: 1));

        await sessions.ReleaseIdleConnectionsAsync(TimeSpan.Zero);
        Assert.Equal((1, 0), (sessions.Count, sessions.OpenConnections));
        Assert.Equal(0, await MailServer.Instance.ImapConnectionsAsync(account, expected: 0));
        using var inbox = await person.GetAsync("/courrier");

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Equal(1, sessions.OpenConnections);
        Assert.Equal(1, await MailServer.Instance.ImapConnectionsAsync(account, expected: 1));
    }

    [Fact]
    public async Task Metrics_AreNotFound_FromAnAddressNotAllowed()
    {
        using var server = new WebmailFactory(new Dictionary<string, string?> { ["Operations:MetricsAllowedFrom:0"] = "192.0.2.0/24" }, FromLoopback);
        using var client = server.NewClient();

        using var metrics = await client.GetAsync(OperationsEndpoints.Metrics);
        using var live = await client.GetAsync(OperationsEndpoints.Live);

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.DoesNotContain("webmaillite_", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", new string[0], true)]
    [InlineData("::1", new string[0], true)]
    [InlineData("10.1.2.3", new string[0], false)]
    [InlineData("10.1.2.3", new[] { "10.0.0.0/8" }, true)]
    [InlineData("127.0.0.1", new[] { "10.0.0.0/8" }, false)]
    [InlineData("::ffff:10.1.2.3", new[] { "10.0.0.0/8" }, true)]
    [InlineData("10.1.2.3", new[] { "pas une adresse" }, false)]
    public void WhoMayReadTheMetrics(string address, string[] allowed, bool expected) =>
        Assert.Equal(expected, new OperationsOptions { MetricsAllowedFrom = [.. allowed] }.MayReadMetrics(IPAddress.Parse(address)));

    private static WebmailFactory Dovecot(Dictionary<string, string?>? more = null) => new(WebmailFactory.DovecotSettings(more), FromLoopback);

    private static void FromLoopback(IServiceCollection services) => services.AddTransient<IStartupFilter, LoopbackClient>();

    private sealed class LoopbackClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(OperationsEndpoints.Metrics);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // « name{labels} value » or « name value »; labels matched as a substring (the exporter adds otel_scope_* ones).
    private static double Value(string exposition, string name, string? label = null)
    {
        foreach (var match in SampleLine().Matches(exposition).Cast<Match>())
        {
            if (match.Groups["name"].Value == name && (label is null || match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"No sample {name} {label} in:\n{exposition}");
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

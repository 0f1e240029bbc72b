using System.Net;
using System.Net.Sockets;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Cluster;

/// <summary>
/// Several instances of the built app, each its own process (as an académie runs them), on one PostgreSQL schema
/// (<c>Storage:Provider=PostgreSQL</c>) and the rig's Dovecot and Postfix, behind the rig's HAProxy
/// (scripts/load-balancer.sh), sticky on its WLSRV cookie. A client can be pinned to one instance by that cookie, as a
/// browser is after its first answer, and <see cref="InstanceOf"/> says which one answered.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    private readonly TestSchema _schema;
    private readonly DirectoryInfo _folder;
    private readonly List<AppProcess> _instances;
    private readonly Dictionary<string, string> _lbEnvironment;

    private Cluster(TestSchema schema, DirectoryInfo folder, List<AppProcess> instances, Dictionary<string, string> lbEnvironment, string url)
    {
        _schema = schema;
        _folder = folder;
        _instances = instances;
        _lbEnvironment = lbEnvironment;
        Url = url;
    }

    /// <summary>The balancer, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public static string Name(int index) => "app" + (index + 1);

    public static async Task<Cluster> StartAsync(int count, Dictionary<string, string?>? more = null)
    {
        var schema = PostgresServer.Instance.NewSchema();
        var folder = Directory.CreateTempSubdirectory("webmaillite-cluster-");
        var instances = new List<AppProcess>();
        Dictionary<string, string>? lb = null;
        try
        {
            var settings = WebmailFactory.DovecotSettings(more);
            foreach (var (key, value) in WebmailFactory.TestCostSettings)
            {
                settings.TryAdd(key, value);
            }
            foreach (var (key, value) in schema.AppSettings())
            {
                settings[key] = value;
            }
            settings["ReloadStaticAssetsAtRuntime"] = "false";
            settings["Session:SweepInterval"] = "00:00:01";
            for (var i = 0; i < count; i++)
            {
                var own = new Dictionary<string, string?>(settings) { ["Storage:Path"] = Path.Combine(folder.FullName, Name(i), "webmaillite.db") };
                instances.Add(AppProcess.Start(AppProcess.BuildOutput(), folder.FullName, own));
            }
            foreach (var instance in instances)
            {
                await instance.WaitUntilListeningAsync();
            }
            var port = FreePort();
            lb = new Dictionary<string, string>
            {
                ["WEBMAILLITE_LB_DIR"] = Path.Combine(folder.FullName, "lb"),
                ["WEBMAILLITE_LB_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["WEBMAILLITE_LB_BACKENDS"] = string.Join(' ', instances.Select((p, i) => $"{Name(i)}={new Uri(p.Url).Authority}")),
            };
            await RepositoryScript.RunAsync(RepositoryScript.Path("load-balancer.sh"), "start", lb, ScriptTimeout);
            var cluster = new Cluster(schema, folder, instances, lb, $"http://127.0.0.1:{port}");
            await cluster.WaitUntilEveryInstanceAnswersAsync();
            return cluster;
        }
        catch
        {
            if (lb is not null)
            {
                await RepositoryScript.RunAsync(RepositoryScript.Path("load-balancer.sh"), "stop", lb, ScriptTimeout);
            }
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
            schema.Dispose();
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A browser-like client through the balancer (cookies kept, redirects not followed), pinned to an instance when one is named.</summary>
    public HttpClient Client(string? instance = null)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = new Uri(Url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (instance is not null)
        {
            Pin(client, cookies, instance);
        }
        _containers.Add(client, cookies);
        return client;
    }

    /// <summary>Sends this client's next requests to <paramref name="instance"/>, as its balancer cookie would.</summary>
    public void Pin(HttpClient client, string instance) =>
        Pin(client, _containers.TryGetValue(client, out var cookies) ? cookies : throw new ArgumentException("Not a client of this cluster.", nameof(client)), instance);

    public static string InstanceOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Instance", out var values) ? values.Single() : "";

    /// <summary><c>kill -9</c> of one instance: its sessions and everything in its memory are gone.</summary>
    public void Kill(string instance) => _instances[int.Parse(instance[3..], System.Globalization.CultureInfo.InvariantCulture) - 1].KillHard();

    public async ValueTask DisposeAsync()
    {
        await RepositoryScript.RunAsync(RepositoryScript.Path("load-balancer.sh"), "stop", _lbEnvironment, ScriptTimeout);
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
        _schema.Dispose();
        _folder.Delete(recursive: true);
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _containers = new();

    private void Pin(HttpClient client, CookieContainer cookies, string instance) =>
        cookies.Add(new Uri(Url), new Cookie("WLSRV", instance, "/"));

    /// <summary>Health checks put every instance in rotation within a second or so; until then a pinned request may go elsewhere.</summary>
    private async Task WaitUntilEveryInstanceAnswersAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var i = 0; i < _instances.Count; i++)
        {
            var client = Client(Name(i));
            while (true)
            {
                using var response = await client.GetAsync("/sante/vivant");
                if (InstanceOf(response) == Name(i) && response.IsSuccessStatusCode)
                {
                    break;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"{Name(i)} never answered through the balancer ({response.StatusCode}, {InstanceOf(response)}):\n{_instances[i].Output}");
                }
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

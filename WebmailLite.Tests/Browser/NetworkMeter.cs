using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace WebmailLite.Tests.Browser;

/// <summary>One request as Chromium's network layer saw it.</summary>
public sealed class MeteredRequest
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public string ResourceType { get; set; } = "";
    public int Status { get; set; }
    public string MimeType { get; set; } = "";
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Bytes received for it (<c>Network.loadingFinished.encodedDataLength</c>: headers and compressed body).</summary>
    public long EncodedBytes { get; set; }

    /// <summary>Bytes of the response headers (<c>responseReceived.response.encodedDataLength</c>).</summary>
    public long HeaderBytes { get; set; }

    /// <summary>Body bytes on the wire: what compression saves shows here.</summary>
    public long EncodedBodyBytes => Math.Max(0, EncodedBytes - HeaderBytes);

    /// <summary>Body bytes after decompression (sum of <c>Network.dataReceived.dataLength</c>).</summary>
    public long DecodedBodyBytes { get; set; }

    public bool FromCache { get; set; }
    public bool Finished { get; set; }
    public string? Failure { get; set; }

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// Counts what a page load costs in bytes and requests, through a CDP session: deterministic numbers, unlike
/// timings. Every request seen starting must finish (or fail) before the figures are read.
/// </summary>
public sealed class NetworkMeter
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);

    private readonly object _gate = new();
    private readonly Dictionary<string, MeteredRequest> _requests = [];
    private readonly List<MeteredRequest> _order = [];
    private TaskCompletionSource _idle = NewIdle();

    private NetworkMeter()
    {
    }

    public static async Task<NetworkMeter> AttachAsync(IPage page)
    {
        var meter = new NetworkMeter();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) => meter.OnRequest(e);
        cdp.Event("Network.responseReceived").OnEvent += (_, e) => meter.OnResponse(e);
        cdp.Event("Network.dataReceived").OnEvent += (_, e) => meter.Update(e, r => r.DecodedBodyBytes += e!.Value.GetProperty("dataLength").GetInt64());
        cdp.Event("Network.requestServedFromCache").OnEvent += (_, e) => meter.Update(e, r => r.FromCache = true);
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => meter.Update(e, r =>
        {
            r.EncodedBytes = (long)e!.Value.GetProperty("encodedDataLength").GetDouble();
            r.Finished = true;
        });
        cdp.Event("Network.loadingFailed").OnEvent += (_, e) => meter.Update(e, r =>
        {
            r.Failure = e!.Value.GetProperty("errorText").GetString();
            r.Finished = true;
        });
        await cdp.SendAsync("Network.enable");
        return meter;
    }

    /// <summary>Navigates, waits for the load event and for every request to finish, and returns what was fetched.</summary>
    /// <param name="afterLoad">Run after the load event, before waiting for the network to settle: what the page
    /// still fetches meanwhile (lazy images coming into view) is counted with it.</param>
    public async Task<PageLoadFigures> MeasureAsync(IPage page, string url, Func<IPage, Task>? afterLoad = null)
    {
        lock (_gate)
        {
            _requests.Clear();
            _order.Clear();
            _idle = NewIdle();
        }
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"No response for {url}.");
        if (afterLoad is not null)
        {
            await afterLoad(page);
        }
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
            CheckIdle();
        }
        try
        {
            await idle.WaitAsync(SettleTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Requests still open {SettleTimeout.TotalSeconds} s after load of {url}:\n{Describe()}");
        }
        var body = await response.BodyAsync();
        lock (_gate)
        {
            return new PageLoadFigures(url, [.. _order], body.Length, Encoding.UTF8.GetString(body));
        }
    }

    private string Describe()
    {
        lock (_gate)
        {
            return string.Join("\n", _order.Select(r => $"{r.Url} finished={r.Finished}"));
        }
    }

    private void OnRequest(JsonElement? e)
    {
        var data = e!.Value;
        var id = data.GetProperty("requestId").GetString()!;
        var url = data.GetProperty("request").GetProperty("url").GetString()!;
        lock (_gate)
        {
            if (_requests.ContainsKey(id))
            {
                // A redirect re-uses the request id; the hop is counted as part of the same request.
                return;
            }
            var request = new MeteredRequest
            {
                Id = id,
                Url = url,
                ResourceType = data.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
            };
            _requests[id] = request;
            _order.Add(request);
        }
    }

    private void OnResponse(JsonElement? e)
    {
        var data = e!.Value;
        Update(e, r =>
        {
            var response = data.GetProperty("response");
            r.Status = response.GetProperty("status").GetInt32();
            r.MimeType = response.GetProperty("mimeType").GetString() ?? "";
            r.HeaderBytes = response.TryGetProperty("encodedDataLength", out var headerBytes) ? (long)headerBytes.GetDouble() : 0;
            r.Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.GetProperty("headers").EnumerateObject())
            {
                r.Headers[header.Name] = header.Value.GetString() ?? "";
            }
            if (response.TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean())
            {
                r.FromCache = true;
            }
        });
    }

    private void Update(JsonElement? e, Action<MeteredRequest> change)
    {
        var id = e!.Value.GetProperty("requestId").GetString()!;
        lock (_gate)
        {
            if (_requests.TryGetValue(id, out var request))
            {
                change(request);
                CheckIdle();
            }
        }
    }

    // Caller holds _gate.
    private void CheckIdle()
    {
        if (_order.Count > 0 && _order.All(r => r.Finished))
        {
            _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The requests of one page load, and its document's decoded HTML.</summary>
public sealed record PageLoadFigures(string Url, IReadOnlyList<MeteredRequest> All, int DecodedHtmlBytes, string Html)
{
    /// <summary>Requests that go to a server (a <c>data:</c> URL costs nothing on the network).</summary>
    public IReadOnlyList<MeteredRequest> Network => [.. All.Where(r => !r.Url.StartsWith("data:", StringComparison.Ordinal))];

    public long TotalBytes => Network.Sum(r => r.EncodedBytes);

    public MeteredRequest Document => Network.First(r => r.ResourceType == "Document");

    public MeteredRequest? Stylesheet => Network.FirstOrDefault(r => r.ResourceType == "Stylesheet");

    public string Report(string label)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {Network.Count} request(s), {TotalBytes} bytes on the wire ({TotalBytes / 1024.0:0.0} KB); document HTML decoded {DecodedHtmlBytes} bytes ({DecodedHtmlBytes / 1024.0:0.0} KB)");
        foreach (var r in All)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {r.ResourceType,-10} {r.Status,3} {r.EncodedBytes,6} B (body {r.EncodedBodyBytes,5} B, decoded {r.DecodedBodyBytes,5} B) {(r.FromCache ? "cache" : "net  ")} enc={Or(r.Header("content-encoding"))} cc={Or(r.Header("cache-control"))} {Shorten(r.Url)}{(r.Failure is null ? "" : " FAILED " + r.Failure)}");
        }
        return text.ToString();
    }

    private static string Or(string value) => value.Length == 0 ? "-" : value;

    private static string Shorten(string url) => url.Length <= 90 ? url : url[..90] + "…";
}

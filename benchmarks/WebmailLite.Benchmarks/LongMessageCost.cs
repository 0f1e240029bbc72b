using System.Diagnostics;
using System.Globalization;
using WebmailLite.Tests.Infrastructure;

/// <summary>
/// What opening a 20 MB message costs (`scripts/bench.sh long-message`): for an HTML and a text/plain message in the
/// loopback Dovecot, the bytes of the message page, the server time, the managed memory allocated by one view
/// (GC.GetTotalAllocatedBytes around one request: the whole in-process host, test client included; this process runs
/// nothing else), and the process's resident memory while eight views run at once.
/// </summary>
internal static class LongMessageCost
{
    private const int Runs = 5;

    public static async Task RunAsync()
    {
        var server = MailServer.Instance;
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new() { ["Logging:LogLevel:Default"] = "Warning" }));
        Console.WriteLine("| message | page bytes | median ms | allocated per view (MB) | RSS before → peak, 8 views at once (MB) | 8 at once (s) | allocated per download (MB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in new[] { "html", "text" })
        {
            var account = await server.CreateAccountAsync("bench-long");
            var message = kind == "html" ? LongMessages.Html(account.Address) : LongMessages.Text(account.Address);
            var uid = (await server.AppendAsync(account, "INBOX", message))!.Value.Id;
            var url = $"/courrier/message?dossier=INBOX&uid={uid}";
            var client = await factory.SignedInAsync(account.Identifier, account.Password);
            var bytes = (await client.GetByteArrayAsync(url)).Length;

            var times = new List<double>();
            var allocated = new List<long>();
            for (var i = 0; i < Runs; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                bytes = (await client.GetByteArrayAsync(url)).Length;
                times.Add(watch.Elapsed.TotalMilliseconds);
                allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            times.Sort();
            allocated.Sort();

            // Eight people opening it at once (eight sessions: one IMAP connection each).
            var clients = new List<HttpClient>();
            for (var i = 0; i < 8; i++)
            {
                clients.Add(await factory.SignedInAsync(account.Identifier, account.Password));
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var rssBefore = process.WorkingSet64;
            var peak = rssBefore;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(10);
                }
            });
            var all = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(c => c.GetByteArrayAsync(url)));
            var together = all.Elapsed.TotalSeconds;
            await sampling.CancelAsync();
            await sampler;

            // « Télécharger le message », read as a stream (the client buffers nothing).
            var link = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync(url), "href=\"(/courrier/piece\\?handler=source[^\"]*)\"");
            var download = -1.0;
            if (link.Success)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                using var response = await client.GetAsync(System.Net.WebUtility.HtmlDecode(link.Groups[1].Value), HttpCompletionOption.ResponseHeadersRead);
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
                download = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind}, {Size(message) / 1e6:F1} MB | {bytes:N0} | {times[Runs / 2]:F0} | {allocated[Runs / 2] / 1e6:F1} | {rssBefore / 1e6:F0} → {peak / 1e6:F0} | {together:F1} | {download:F1} |"));
        }
    }

    private static long Size(MimeKit.MimeMessage message)
    {
        using var counter = new MimeKit.IO.MeasuringStream();
        message.WriteTo(counter);
        return counter.Length;
    }
}

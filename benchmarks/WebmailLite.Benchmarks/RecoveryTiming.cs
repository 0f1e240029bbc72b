using System.Diagnostics;
using System.Globalization;
using System.Net;
using WebmailLite.Tests.Infrastructure;

/// <summary>
/// Server time of the recovery steps that must not tell a known identifier from an unknown one: asking for a code
/// by mail, typing a wrong code, answering the second personal question. Medians and p95 over many runs, known and
/// unknown side by side. In-process host, passwd-file directory and Postfix of the rig.
/// </summary>
internal static class RecoveryTiming
{
    private const int Warmup = 10;
    private const int Runs = 100;

    public static async Task RunAsync()
    {
        var server = MailServer.Instance;
        var accounts = await server.CreateAccountsAsync("timing", "contact");
        var contacts = Path.Combine(Path.GetTempPath(), "wl-bench-contacts.txt");
        await File.WriteAllTextAsync(contacts, $"{accounts[0].Identifier}\t{accounts[1].Address}\n");
        using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new()
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Accounts:ContactsFile"] = contacts,
            ["Recovery:MaxRequestsPerIdentifier"] = "100000",
            ["Recovery:MaxRequestsPerAddress"] = "100000",
            ["Recovery:MaxFailuresPerAddress"] = "100000",
            ["Recovery:MaxAnswerFailuresPerIdentifier"] = "100000",
        }));
        Console.WriteLine();
        Console.WriteLine("| recovery step | identifier | median ms | p95 ms |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var (label, url, fields) in new (string, string, KeyValuePair<string, string>[])[]
        {
            ("« Envoyer le code » (courriel)", "/mot-de-passe-oublie/courriel", []),
            ("wrong code", "/mot-de-passe-oublie/code", [new("Input.Code", "12345678")]),
        })
        {
            foreach (var (kind, identifier) in new[] { ("known", accounts[0].Identifier), ("unknown", accounts[0].Identifier + "x") })
            {
                var client = factory.NewClient();
                await StartAsync(client, identifier);
                // The form's antiforgery token is fetched once; only the POST is timed.
                var page = await HtmlPage.GetAsync(client, url);
                var token = page.Query("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
                KeyValuePair<string, string>[] form = [.. fields, new("__RequestVerificationToken", token)];
                var times = await TimeAsync(() => client.PostAsync(url, new FormUrlEncodedContent(form)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {kind} | {times.Median:F1} | {times.P95:F1} |"));
            }
        }
        File.Delete(contacts);
    }

    private static async Task StartAsync(HttpClient client, string identifier)
    {
        var start = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie");
        var response = await start.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Identifier"] = identifier });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("The recovery journey did not start.");
        }
    }

    private static async Task<(double Median, double P95)> TimeAsync(Func<Task<HttpResponseMessage>> step)
    {
        for (var i = 0; i < Warmup; i++)
        {
            (await step()).Dispose();
        }
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await step();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[Runs / 2], times[(int)(Runs * 0.95)]);
    }
}

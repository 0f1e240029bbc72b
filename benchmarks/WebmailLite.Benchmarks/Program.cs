using System.Diagnostics;
using System.Globalization;
using MimeKit;
using WebmailLite.Tests.Infrastructure;

// Server time of the inbox page (page 1 and the last page) with 100 and with 10,000 messages in Dovecot.
// In-process test host, so the figures are the app's own work plus IMAP round trips on loopback, not the network.
const int Warmup = 20;
const int Runs = 200;

if (args.Contains("recovery"))
{
    await RecoveryTiming.RunAsync();
    return;
}

if (args.Contains("search"))
{
    var sizes = args.Where(a => int.TryParse(a, CultureInfo.InvariantCulture, out _)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
    await SearchCost.RunAsync(sizes.Count > 0 ? sizes : [10_000, 100_000]);
    return;
}

if (args.Contains("directory"))
{
    var people = args.Where(a => int.TryParse(a, CultureInfo.InvariantCulture, out _)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(50_000).First();
    await DirectoryCost.RunAsync(people);
    return;
}

if (args.Contains("long-message"))
{
    await LongMessageCost.RunAsync();
    return;
}

var server = MailServer.Instance;
using var factory = new WebmailFactory(WebmailFactory.DovecotSettings(new() { ["Logging:LogLevel:Default"] = "Warning" }));
Console.WriteLine("| messages in INBOX | page | median ms | p95 ms | max ms | HTML bytes |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|");
foreach (var size in new[] { 100, 10_000 })
{
    var account = await server.CreateAccountAsync("bench");
    await server.AppendManyAsync(account, Enumerable.Range(1, size).Select(i => Message(account, i)));
    var client = await factory.SignedInAsync(account.Identifier, account.Password);
    var lastPage = (size + 24) / 25;
    foreach (var (label, url) in new[] { ("1", "/courrier"), ($"{lastPage} (last)", $"/courrier?page={lastPage}") })
    {
        var bytes = 0;
        for (var i = 0; i < Warmup; i++)
        {
            bytes = (await client.GetByteArrayAsync(url)).Length;
        }
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {label} | {times[Runs / 2]:F1} | {times[(int)(Runs * 0.95)]:F1} | {times[^1]:F1} | {bytes:N0} |"));
    }
}

await RecoveryTiming.RunAsync();

static MimeMessage Message(TestAccount account, int i)
{
    var message = new MimeMessage();
    message.From.Add(new MailboxAddress($"Expéditeur {i % 37}", $"expediteur{i % 37}@ac-test.fr"));
    message.To.Add(MailboxAddress.Parse(account.Address));
    message.Subject = $"Compte rendu n°{i} : réunion de l'équipe pédagogique";
    message.Date = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(i * 7);
    message.Body = new TextPart("plain") { Text = $"Message {i}.\nBonne journée." };
    return message;
}

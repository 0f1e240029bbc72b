using System.Diagnostics;
using System.Globalization;
using MimeKit;
using WebmailLite.Tests.Infrastructure;

/// <summary>
/// What a search costs (`scripts/bench.sh search [sizes…]`, default 10000 100000): server time of the search page
/// (in-process host, IMAP on loopback) in an INBOX of that many messages, median of several runs, for the default
/// scope (subject and sender, with and without the accent window) and for the text (`texte=1`). Mail:Timeout and
/// Mail:Search:BodyTimeout are raised for the run so that a slow text search is measured, not cut; the last column
/// says whether the default BodyTimeout (10 s) would have stopped it.
/// </summary>
internal static class SearchCost
{
    private static readonly string[] Subjects =
    [
        "Réunion des élèves délégués", "Conseil de classe de 3e A", "Sortie au musée", "Compte rendu du conseil pédagogique",
        "Cantine : menus de la semaine", "Absences en EPS", "Emploi du temps modifié", "Bulletin de paie de novembre",
    ];

    private static readonly string[] Senders = ["Hélène Martin", "Marc Petit", "Élodie Fournier", "Intendance", "Bruno Roux", "Vie scolaire"];

    public static async Task RunAsync(IReadOnlyList<int> sizes)
    {
        var server = MailServer.Instance;
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Mail:Timeout"] = "00:03:00",
            ["Mail:Search:BodyTimeout"] = "00:02:30",
        };
        using var withWindow = new WebmailFactory(WebmailFactory.DovecotSettings(new(settings)));
        using var withoutWindow = new WebmailFactory(WebmailFactory.DovecotSettings(new(settings) { ["Mail:Search:AccentWindow"] = "0" }));
        Console.WriteLine("| messages in INBOX | scope | query | runs | median ms | min ms | max ms | results | within the default 10 s |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var size in sizes)
        {
            var account = await server.CreateAccountAsync("bench-search");
            var seeding = Stopwatch.StartNew();
            await server.AppendManyAsync(account, Enumerable.Range(1, size).Select(i => Message(account, i)));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {size:N0} messages in {seeding.Elapsed.TotalSeconds:F0} s"));
            var client = await withWindow.SignedInAsync(account.Identifier, account.Password);
            var plain = await withoutWindow.SignedInAsync(account.Identifier, account.Password);
            // The inbox once, so that Dovecot's index and cache exist as they would for someone who reads mail there.
            (await client.GetAsync("/courrier")).EnsureSuccessStatusCode();
            // Without the window first: its first run also warms Dovecot's cache of the From and Subject headers.
            await MeasureAsync(plain, size, "subject + sender, no accent window", "conseil", "", 9);
            await MeasureAsync(client, size, "subject + sender, accent window 1,000", "conseil", "", 9);
            await MeasureAsync(client, size, "subject + sender, accent window 1,000", "eleves", "", 9);
            await MeasureAsync(client, size, "text (texte=1), accent window 1,000", "piscine", "&texte=1", 5);
            await MeasureAsync(client, size, "text (texte=1), accent window 1,000", "\"ordre du jour\"", "&texte=1", 5);
        }
    }

    private static async Task MeasureAsync(HttpClient client, int size, string scope, string query, string more, int runs)
    {
        var url = "/courrier/recherche?q=" + Uri.EscapeDataString(query) + more;
        var times = new List<double>(runs);
        var results = "";
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            var found = System.Text.RegularExpressions.Regex.Match(html, @"<p class=""found""><strong>(\d+|Aucun)");
            results = found.Success ? found.Groups[1].Value.Replace("Aucun", "0", StringComparison.Ordinal) : "?";
        }
        times.Sort();
        var median = times[runs / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {scope} | `{query}` | {runs} | {median:F0} | {times[0]:F0} | {times[^1]:F0} | {results} | {(median < 10_000 ? "yes" : "no: « trop long »")} |"));
    }

    private static MimeMessage Message(TestAccount account, int i)
    {
        var message = new MimeMessage();
        var sender = Senders[i % Senders.Length];
        message.From.Add(new MailboxAddress(sender, $"expediteur{i % 37}@ac-test.fr"));
        message.To.Add(MailboxAddress.Parse(account.Address));
        message.Subject = $"{Subjects[i % Subjects.Length]} (n°{i})";
        message.Date = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(i * 3);
        var agenda = i % 50 == 0 ? "Ordre du jour : budget, sorties, questions diverses.\n" : "";
        message.Body = new TextPart("plain")
        {
            Text = $"Bonjour,\n\n{agenda}Message {i} pour l'équipe pédagogique. Merci de transmettre aux collègues concernés "
                + "les informations utiles avant la fin de la semaine ; les documents sont disponibles au secrétariat.\n\n"
                + "Cordialement,\n" + sender,
        };
        return message;
    }
}

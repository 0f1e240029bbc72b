using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebmailLite.Accounts;
using WebmailLite.Accounts.Ldap;
using WebmailLite.Tests.Accounts.Ldap;
using WebmailLite.Tests.Infrastructure;

/// <summary>
/// The académie's directory at the size of an académie (`scripts/bench.sh directory [people]`, default 50,000): the
/// rig's OpenLDAP is filled with synthetic staff (scripts/directory-server.sh populate), then the app's lookup of one
/// person (what every recovery step and the desk do), the staff directory's full read (at start and every
/// Accounts:Ldap:StaffRefresh) and its memory, a suggestion query in memory, and the suggestion endpoint end to end.
/// </summary>
internal static class DirectoryCost
{
    private const int Runs = 300;

    public static async Task RunAsync(int people)
    {
        var directory = DirectoryServer.Instance;
        using var factory = new WebmailFactory(LdapSettings.For(directory, new() { ["Logging:LogLevel:Default"] = "Warning" }));
        var staff = factory.Services.GetRequiredService<StaffDirectory>();
        var loader = factory.Services.GetServices<IHostedService>().OfType<StaffDirectoryLoader>().Single();
        loader.Load();
        if (staff.Count < people)
        {
            Populate(people - staff.Count);
        }
        var person = await directory.CreatePersonAsync("Hélène Dupont-Bénard", "Collège Jean Moulin, Marseille");

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var readTimes = Time(5, loader.Load);
        GC.Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Directory: {staff.Count:N0} people (active, with an address)."));
        Console.WriteLine();
        Console.WriteLine("| operation | median ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|");
        Row("staff directory, full read (paged, 500 per page)", readTimes);

        var accounts = factory.Services.GetRequiredService<IAccountDirectory>();
        Row("lookup of one person (bind + search by uid)", await TimeAsync(Runs, () => accounts.PersonAsync(person.Identifier, default)));
        Row("lookup of an unknown identifier", await TimeAsync(Runs, () => accounts.CanonicalIdentifierAsync("inconnu-" + person.Identifier, default)));
        foreach (var typed in new[] { "martin", "hel", "dupont hel", "bernard marie", "zzz" })
        {
            Row($"suggestion query in memory « {typed} » ({staff.Search(typed, 8).Count} shown)", Time(Runs * 10, () => staff.Search(typed, 8)));
        }
        var client = await factory.SignedInAsync(person.Identifier, person.Password);
        Row("suggestion endpoint end to end « dupont hel »", await TimeAsync(Runs, () => client.GetStringAsync("/contacts/suggestions?q=dupont%20hel")));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Managed heap after the reads: {after / 1024.0 / 1024.0:F1} MB (before the last five: {before / 1024.0 / 1024.0:F1} MB); the directory and its index are most of it."));
    }

    private static void Populate(int count)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "directory-server.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "populate", count.ToString(CultureInfo.InvariantCulture)]))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"populate {count} failed ({process.ExitCode})");
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "WebmailLite.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("WebmailLite.sln not found above " + AppContext.BaseDirectory);
    }

    private static void Row(string label, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {times[times.Count / 2]:F3} | {times[(int)(times.Count * 0.95)]:F3} |"));

    private static List<double> Time(int runs, Action action)
    {
        action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static async Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> action)
    {
        for (var i = 0; i < 10; i++)
        {
            await action();
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }
}

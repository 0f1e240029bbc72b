using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The real app, in process, with its own LiteDB file. Settings are given as host settings so that
/// <c>Program.cs</c> sees them while composing (the practice-or-IMAP choice is made there).
/// </summary>
public class WebmailFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsStorage;

    /// <param name="storageFolder">
    /// An existing folder to keep the LiteDB file (and Data Protection keys) in, to play an app restart: a second factory
    /// on the same folder is the same app started again. The caller then owns the folder; by default each factory gets
    /// a fresh temporary one, deleted with it.
    /// </param>
    /// <param name="productionCosts">
    /// Keep the production password hashing and response-time floor instead of <see cref="TestCostSettings"/>: for the
    /// few tests that prove those values work.
    /// </param>
    public WebmailFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? storageFolder = null, bool productionCosts = false)
    {
        _ownsStorage = storageFolder is null;
        StorageFolder = storageFolder ?? Directory.CreateTempSubdirectory("webmaillite-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Path"] = Path.Combine(StorageFolder, "webmaillite.db"),
            // A short sweep so that idle-timeout tests do not wait a minute.
            ["Session:SweepInterval"] = "00:00:01",
            // Run from build output, MapStaticAssets would otherwise switch to its development mode: "no-cache",
            // and files re-gzipped uncompressed when their time stamp differs from the manifest's. Tests measure the
            // bytes and caching users get from the published app.
            ["ReloadStaticAssetsAtRuntime"] = "false",
        };
        if (!productionCosts)
        {
            foreach (var (key, value) in TestCostSettings)
            {
                _settings[key] = value;
            }
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        // The practice mailbox is asked for by name outside Development (MailServerChoice), as scripts/run.sh does.
        if (string.IsNullOrWhiteSpace(_settings.GetValueOrDefault("Mail:Imap:Host")))
        {
            _settings.TryAdd(MailServerChoice.PracticeSwitch, "true");
        }
        _services = services;
    }

    /// <summary>
    /// Costs that exist to slow attackers down, cut for tests that sign in and walk recovery hundreds of times
    /// (600,000 PBKDF2 iterations are about 0.7 s here, per practice sign-in and per seeded account). Tests that give
    /// their own value win. <c>ProductionCostsTests</c> runs the app with the production values.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> TestCostSettings = new Dictionary<string, string?>
    {
        ["Practice:PasswordHashIterations"] = "1000",
        ["Practice:AllowWeakHashingForTests"] = "true",
        ["Recovery:AnswerHashIterations"] = "1000",
        ["Recovery:AllowWeakHashingForTests"] = "true",
        ["Recovery:MinimumResponseTime"] = "00:00:00.001",
    };

    public string StorageFolder { get; }

    /// <summary>
    /// Settings for a factory that talks to the test Dovecot and Postfix, with the account directory on the rig's
    /// passwd-file and system mail sent with the rig's system account (<see cref="MailServer.SystemAccountAsync"/>,
    /// created on first use, once per run) from « Messagerie académique &lt;its address&gt; ».
    /// </summary>
    public static Dictionary<string, string?> DovecotSettings(Dictionary<string, string?>? more = null)
    {
        var server = MailServer.Instance;
        var system = server.SystemAccountAsync().GetAwaiter().GetResult();
        var settings = new Dictionary<string, string?>
        {
            ["Mail:Imap:Host"] = server.ImapHost,
            ["Mail:Imap:Port"] = server.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Imap:Security"] = "None",
            ["Mail:Smtp:Host"] = server.ImapHost,
            ["Mail:Smtp:Port"] = server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Timeout"] = "00:00:05",
            // Test accounts' addresses are identifier@domain, as in an académie.
            ["Mail:AddressDomain"] = server.Domain,
            ["Accounts:PasswdFile"] = server.PasswdFile,
            ["Accounts:SystemAccount:Identifier"] = system.Identifier,
            ["Accounts:SystemAccount:Password"] = system.Password,
            ["Accounts:SystemSender"] = $"Messagerie académique <{system.Address}>",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not "Development": tests see the production error pages and caching rules. Static web assets are
        // still served from the build output, precompressed, as in the published app.
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsStorage)
        {
            try
            {
                Directory.Delete(StorageFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a late background task; the OS temp cleaner will have it.
            }
        }
    }
}

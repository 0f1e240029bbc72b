using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WebmailLite.Accounts;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>A mailbox on the test Dovecot. <see cref="Identifier"/> is the IMAP/SMTP login.</summary>
public sealed record TestAccount(string Identifier, string Password, string Address);

/// <summary>
/// Tests that stop or restart a mail server put themselves in this collection: xunit runs it
/// alone, after the parallel collections, so no other test sees the outage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailServerDisruptionCollection
{
    public const string Name = "Mail server disruption";
}

/// <summary>
/// The real Dovecot + Postfix started by scripts/mail-servers.sh, shared by every test in the
/// process. Starts them if they are not running, so a bare `dotnet test` works; they are left
/// running afterwards (scripts/test.sh stops what it started).
/// </summary>
public sealed class MailServer
{
    public const string DefaultMailDirectory = "/tmp/webmaillite-mail";

    // Short enough that a hung server fails a test quickly; MailKit's default is 120 s.
    private const int ClientTimeoutMs = 10_000;
    private static readonly TimeSpan LoginPollTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    private static readonly Lazy<MailServer> LazyInstance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string scriptPath;
    private readonly Lazy<Task<TestAccount>> systemAccount;

    private MailServer(string scriptPath, IReadOnlyDictionary<string, string> env)
    {
        this.scriptPath = scriptPath;
        // Task.Run: created outside any caller's synchronization context, so a caller blocking on it cannot deadlock.
        systemAccount = new(() => Task.Run(() => CreateAccountAsync("ne-pas-repondre")), LazyThreadSafetyMode.ExecutionAndPublication);
        MailDirectory = Require(env, "WEBMAILLITE_MAIL_DIR");
        ImapPort = int.Parse(Require(env, "WEBMAILLITE_IMAP_PORT"), CultureInfo.InvariantCulture);
        SmtpPort = int.Parse(Require(env, "WEBMAILLITE_SMTP_PORT"), CultureInfo.InvariantCulture);
        Domain = Require(env, "WEBMAILLITE_MAIL_DOMAIN");
        PasswdFile = Require(env, "WEBMAILLITE_PASSWD_FILE");
        DirectoryEnvFile = env.TryGetValue("WEBMAILLITE_MAIL_LDAP_ENV", out var directoryEnv) && directoryEnv.Length > 0 ? directoryEnv : null;
    }

    public static MailServer Instance => LazyInstance.Value;

    public string ImapHost => "127.0.0.1";

    public string SmtpHost => "127.0.0.1";

    public int ImapPort { get; }

    public int SmtpPort { get; }

    public string Domain { get; }

    public string PasswdFile { get; }

    public string MailDirectory { get; }

    /// <summary>
    /// The env file of the directory rig Dovecot also authenticates against (LDAP passdb and userdb after the
    /// passwd-file), or null when the mail servers started without it. See <see cref="DirectoryServer"/>.
    /// </summary>
    public string? DirectoryEnvFile { get; }

    /// <summary>
    /// The SMTP account the app sends system mail with (<c>Accounts:SystemAccount</c>), « ne-pas-repondre-xxxxxx »,
    /// created once per test run. Its mailbox is real too: tests may read what bounced back to it.
    /// </summary>
    public Task<TestAccount> SystemAccountAsync() => systemAccount.Value;

    /// <summary>Creates a fresh mailbox named <paramref name="prefix"/>-xxxxxx and waits until it can log in.</summary>
    public async Task<TestAccount> CreateAccountAsync(string prefix, string? password = null)
    {
        var account = NewAccount(prefix, password);
        await WritePasswordsAsync([account]);
        await WaitUntilLoginWorksAsync(account);
        return account;
    }

    /// <summary>
    /// Creates several mailboxes in one passwd-file write: they become usable together, so this
    /// costs one wait for Dovecot's re-read (up to a second) instead of one per account.
    /// </summary>
    public async Task<IReadOnlyList<TestAccount>> CreateAccountsAsync(params string[] prefixes)
    {
        var accounts = prefixes.Select(prefix => NewAccount(prefix, null)).ToList();
        await WritePasswordsAsync(accounts);
        await Task.WhenAll(accounts.Select(WaitUntilLoginWorksAsync));
        return accounts;
    }

    /// <summary>Changes the password and waits until the new one is accepted (the old one is then refused).</summary>
    public async Task<TestAccount> SetPasswordAsync(TestAccount account, string newPassword)
    {
        var changed = account with { Password = newPassword };
        await WritePasswordsAsync([changed]);
        await WaitUntilLoginWorksAsync(changed);
        return changed;
    }

    /// <summary>
    /// How many IMAP connections Dovecot holds for <paramref name="account"/> (its own count, from <c>doveadm who</c>),
    /// once it equals <paramref name="expected"/> or <paramref name="within"/> has passed: a process ends a moment
    /// after its LOGOUT, so an exact count is waited for, not read once.
    /// </summary>
    public async Task<int> ImapConnectionsAsync(TestAccount account, int expected, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var count = await CountImapConnectionsAsync(account.Identifier);
            if (count == expected || DateTime.UtcNow >= deadline)
            {
                return count;
            }
            await Task.Delay(100);
        }
    }

    private async Task<int> CountImapConnectionsAsync(string identifier)
    {
        var startInfo = new ProcessStartInfo("doveadm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Path.Combine(MailDirectory, "dovecot.conf"), "who", "-1", identifier })
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not run doveadm.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        // One line per connection after the header: « username proto pid ip ».
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(line => line.StartsWith(identifier + " ", StringComparison.Ordinal) && line.Contains(" imap ", StringComparison.Ordinal));
    }

    /// <summary>An authenticated IMAP connection (PLAIN only, 10 s timeout). Dispose it when done.</summary>
    public async Task<ImapClient> ConnectImapAsync(TestAccount account, CancellationToken cancellationToken = default)
    {
        var client = new ImapClient { Timeout = ClientTimeoutMs };
        try
        {
            await client.ConnectAsync(ImapHost, ImapPort, SecureSocketOptions.None, cancellationToken);
            // One explicit mechanism: MailKit would otherwise try several in turn on a wrong
            // password, which costs about 1.5 s per failed login.
            await client.AuthenticateAsync(new SaslMechanismPlain(account.Identifier, account.Password), cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An authenticated submission connection (PLAIN only, 10 s timeout). Dispose it when done.</summary>
    public async Task<SmtpClient> ConnectSmtpAsync(TestAccount account, CancellationToken cancellationToken = default)
    {
        var client = new SmtpClient { Timeout = ClientTimeoutMs };
        try
        {
            await client.ConnectAsync(SmtpHost, SmtpPort, SecureSocketOptions.None, cancellationToken);
            await client.AuthenticateAsync(new SaslMechanismPlain(account.Identifier, account.Password), cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends one message to INBOX, a special-use folder by name ("Sent", "Drafts", "Trash",
    /// "Junk", "Archive", also "\Sent" style) or any folder path (created when missing).
    /// </summary>
    public async Task<UniqueId?> AppendAsync(TestAccount account, string folderOrSpecialUse, MimeMessage message, bool seen = false)
    {
        using var client = await ConnectImapAsync(account);
        var folder = await ResolveFolderAsync(client, folderOrSpecialUse, createIfMissing: true);
        await folder.OpenAsync(FolderAccess.ReadWrite);
        var uid = await folder.AppendAsync(new AppendRequest(message, seen ? MessageFlags.Seen : MessageFlags.None));
        await client.DisconnectAsync(true);
        return uid;
    }

    /// <summary>Appends many messages to INBOX over one connection, in MULTIAPPEND batches.</summary>
    public async Task AppendManyAsync(TestAccount account, IEnumerable<MimeMessage> messages)
    {
        // Batches bound the size of one APPEND command (10,000 messages would be one huge command).
        const int batchSize = 250;
        using var client = await ConnectImapAsync(account);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        var batch = new List<IAppendRequest>(batchSize);
        foreach (var message in messages)
        {
            batch.Add(new AppendRequest(message, MessageFlags.None));
            if (batch.Count == batchSize)
            {
                await inbox.AppendAsync(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await inbox.AppendAsync(batch);
        }

        await client.DisconnectAsync(true);
    }

    /// <summary>Sends through the submission port, authenticated as <paramref name="from"/>.</summary>
    public async Task SendAsync(TestAccount from, MimeMessage message)
    {
        using var client = await ConnectSmtpAsync(from);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>
    /// Waits (bounded) until a message with exactly this subject is in the folder, and returns it.
    /// Delivery through Postfix and LMTP is asynchronous.
    /// </summary>
    public async Task<MimeMessage> WaitForMessageAsync(TestAccount account, string subject, string folderOrSpecialUse = "INBOX", TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            using (var client = await ConnectImapAsync(account))
            {
                var folder = await ResolveFolderAsync(client, folderOrSpecialUse, createIfMissing: false);
                await folder.OpenAsync(FolderAccess.ReadOnly);
                if (folder.Count > 0)
                {
                    var summaries = await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope);
                    var match = summaries.FirstOrDefault(s => s.Envelope?.Subject == subject);
                    if (match is not null)
                    {
                        var found = await folder.GetMessageAsync(match.UniqueId);
                        await client.DisconnectAsync(true);
                        return found;
                    }
                }

                await client.DisconnectAsync(true);
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"No message with subject \"{subject}\" reached {account.Identifier}/{folderOrSpecialUse} within {limit.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops and starts Dovecot (mail and accounts are kept); open IMAP connections break.</summary>
    public Task RestartDovecotAsync() => RepositoryScript.RunAsync(scriptPath, "restart-imap", ScriptEnvironment(), ScriptTimeout);

    /// <summary>Stops Postfix: the submission port then refuses connections.</summary>
    public Task StopSmtpAsync() => RepositoryScript.RunAsync(scriptPath, "stop-smtp", ScriptEnvironment(), ScriptTimeout);

    public Task StartSmtpAsync() => RepositoryScript.RunAsync(scriptPath, "start-smtp", ScriptEnvironment(), ScriptTimeout);

    /// <summary>Resolves a folder name as the tests use it; special-use names go through SPECIAL-USE.</summary>
    public static async Task<IMailFolder> ResolveFolderAsync(ImapClient client, string folderOrSpecialUse, bool createIfMissing)
    {
        SpecialFolder? special = folderOrSpecialUse.TrimStart('\\').ToLowerInvariant() switch
        {
            "drafts" => SpecialFolder.Drafts,
            "sent" => SpecialFolder.Sent,
            "trash" => SpecialFolder.Trash,
            "junk" or "spam" => SpecialFolder.Junk,
            "archive" or "archives" => SpecialFolder.Archive,
            _ => null,
        };
        if (folderOrSpecialUse.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }

        if (special is { } specialUse && client.GetFolder(specialUse) is { } specialFolder)
        {
            return specialFolder;
        }

        try
        {
            return await client.GetFolderAsync(folderOrSpecialUse);
        }
        catch (FolderNotFoundException) when (createIfMissing)
        {
            // Create each missing level of "Parent/Child".
            var personal = client.GetFolder(client.PersonalNamespaces[0]);
            var parent = personal;
            foreach (var part in folderOrSpecialUse.Split(personal.DirectorySeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var subfolders = await parent.GetSubfoldersAsync();
                parent = subfolders.FirstOrDefault(f => f.Name == part)
                    ?? await parent.CreateAsync(part, isMessageFolder: true)
                    ?? throw new InvalidOperationException($"Could not create folder {part} under {parent.FullName}.");
            }

            return parent;
        }
    }

    private static MailServer Create()
    {
        var script = RepositoryScript.Path("mail-servers.sh");
        var mailDir = Environment.GetEnvironmentVariable("WEBMAILLITE_MAIL_DIR") is { Length: > 0 } configured ? configured : DefaultMailDirectory;
        var envFile = Path.Combine(mailDir, "env");

        // Already running (scripts/test.sh started them, or an earlier run)? Then use them as
        // they are, even if this process's variables differ from the env file.
        if (File.Exists(envFile))
        {
            var env = RepositoryScript.ReadEnvFile(envFile);
            if (LoopbackPort.IsOpen(Require(env, "WEBMAILLITE_IMAP_PORT")) && LoopbackPort.IsOpen(Require(env, "WEBMAILLITE_SMTP_PORT")))
            {
                return new MailServer(script, env);
            }
        }

        // The directory first: Dovecot includes its LDAP passdb only if it runs when the mail servers start, and
        // restarting Dovecot later would break other tests' connections. Skipped where slapd is not installed
        // (scripts/test.sh installs it): the passwd-file accounts work without it.
        if (File.Exists("/usr/sbin/slapd"))
        {
            DirectoryServer.EnsureRunning();
        }

        RepositoryScript.RunAsync(script, "start", new Dictionary<string, string>(), ScriptTimeout).GetAwaiter().GetResult();
        return new MailServer(script, RepositoryScript.ReadEnvFile(envFile));
    }

    private static string Require(IReadOnlyDictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{key} missing from the mail servers' env file.");

    // The servers this instance uses, whatever this process's own variables say: a restart
    // must regenerate the same configuration, not the defaults.
    private Dictionary<string, string> ScriptEnvironment() => new()
    {
        ["WEBMAILLITE_MAIL_DIR"] = MailDirectory,
        ["WEBMAILLITE_IMAP_PORT"] = ImapPort.ToString(CultureInfo.InvariantCulture),
        ["WEBMAILLITE_SMTP_PORT"] = SmtpPort.ToString(CultureInfo.InvariantCulture),
    };

    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    /// <summary>Dovecot's {SSHA512}: base64(SHA-512(password + salt) + salt).</summary>
    private static string HashPassword(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var hash = SHA512.HashData([.. passwordBytes, .. salt]);
        return "{SSHA512}" + Convert.ToBase64String([.. hash, .. salt]);
    }

    private TestAccount NewAccount(string prefix, string? password)
    {
        // Dovecot user names: keep to characters that need no escaping anywhere.
        var cleanPrefix = string.Concat(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'));
        if (cleanPrefix.Length == 0)
        {
            cleanPrefix = "user";
        }

        var identifier = $"{cleanPrefix}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
        return new TestAccount(identifier, password ?? NewPassword(), $"{identifier}@{Domain}");
    }

    /// <summary>
    /// Adds or replaces the accounts' lines through the app's own <see cref="PasswdFileWriter"/>: the same locks
    /// (in process and <c>users.lock</c> across processes), the same atomic rename and the same mtime rule as
    /// the app's password changes, so a test creating accounts while the app changes a password loses neither.
    /// </summary>
    private async Task WritePasswordsAsync(IReadOnlyCollection<TestAccount> accounts)
    {
        var entries = accounts.ToDictionary(a => a.Identifier, a => $"{a.Identifier}:{HashPassword(a.Password)}::::::", StringComparer.Ordinal);
        await PasswdFileWriter.UpdateAsync(PasswdFile, content => (PasswdFileContent.Upsert(content, entries), true), CancellationToken.None);
    }

    private async Task WaitUntilLoginWorksAsync(TestAccount account)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = await ConnectImapAsync(account);
                await client.DisconnectAsync(true);
                return;
            }
            catch (AuthenticationException) when (deadline.Elapsed < LoginPollTimeout)
            {
                // Dovecot has not re-read the passwd-file yet (it checks at most once a second).
                await Task.Delay(100);
            }
        }
    }
}

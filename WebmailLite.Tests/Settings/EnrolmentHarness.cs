using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;
using WebmailLite.Recovery;
using WebmailLite.Recovery.Enrolment;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Settings;

/// <summary>
/// The « Sécurité du compte » services (<see cref="BackupAddressService"/>, <see cref="PersonalQuestionsService"/>,
/// <see cref="PasswordChangeService"/>) with the real recovery stores on an in-memory LiteDB, and in-memory fakes of the
/// account directory, the mail service (passwords) and system mail (captured, not sent).
/// </summary>
public sealed class EnrolmentHarness : IAsyncDisposable
{
    public const string Identifier = "camille.martin";
    public const string AccountAddress = "camille.martin@ac-test.fr";
    public const string Password = "ancien mot de passe";

    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    public EnrolmentHarness()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The lowest allowed: these tests are about rules, not hash cost.
            ["Recovery:AnswerHashIterations"] = "100000",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Database);
        services.AddSingleton<IAttemptStore, LiteDbAttemptStore>();
        services.AddSingleton<AttemptLimiter>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<DeviceTokens>();
        services.AddSingleton<SignInService>();
        services.AddOptions<SignInThrottleOptions>();
        services.AddOptions<MailSessionOptions>();
        services.AddSingleton<ISessionRecordStore, LiteDbSessionRecordStore>();
        services.AddSingleton<MailSessionManager>();
        services.AddSingleton<IAccountDirectory>(Directory);
        services.AddSingleton<IMailService>(new FakeMailService(Directory));
        services.AddSingleton<ISystemMail>(Mail);
        services.AddRecovery(configuration);
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateAsyncScope();
        Mailer = _provider.GetRequiredService<RecoveryMailer>();
        Mailer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Directory.Add(Identifier, AccountAddress, Password);
    }

    public TestClock Clock { get; } = new();
    public AppDatabase Database { get; } = AppDatabase.InMemory();
    public FakeDirectory Directory { get; } = new();
    public CapturedMail Mail { get; } = new();
    public RecoveryMailer Mailer { get; }

    public BackupAddressService Backup => Get<BackupAddressService>();
    public PersonalQuestionsService Questions => Get<PersonalQuestionsService>();
    public PasswordChangeService PasswordChange => Get<PasswordChangeService>();
    public IEnrolmentStore Enrolments => Get<IEnrolmentStore>();
    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>The mails queued so far, once the background mailer has handed them all over.</summary>
    public async Task<IReadOnlyList<MimeMessage>> SentAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Mailer.Pending > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        return Mail.Messages.ToList();
    }

    /// <summary>The 8-digit code of the last mail sent to <paramref name="to"/>.</summary>
    public async Task<string> CodeSentToAsync(string to)
    {
        var mail = (await SentAsync()).Last(m => m.To.Mailboxes.Any(a => a.Address == to));
        return System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"\b\d{8}\b").Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Mailer.StopAsync(CancellationToken.None);
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
        Database.Dispose();
    }
}

public sealed class FakeDirectory : IAccountDirectory
{
    private readonly ConcurrentDictionary<string, (string Address, string Password)> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string identifier, string address, string password) => _accounts[identifier] = (address, password);

    public string? PasswordOf(string identifier) => _accounts.TryGetValue(identifier, out var a) ? a.Password : null;

    public Task<bool> ExistsAsync(string identifier, CancellationToken cancellationToken) => Task.FromResult(_accounts.ContainsKey(identifier));

    public Task<string?> CanonicalIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.ContainsKey(identifier) ? identifier.ToLowerInvariant() : null);

    public Task<string?> ContactAddressAsync(string identifier, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<IReadOnlyDictionary<string, string>> ContactAddressesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public Task<string?> AccountAddressAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryGetValue(identifier, out var a) ? a.Address : null);

    public Task<bool> SetPasswordAsync(string identifier, string newPassword, CancellationToken cancellationToken)
    {
        if (!_accounts.TryGetValue(identifier, out var account))
        {
            return Task.FromResult(false);
        }
        _accounts[identifier] = (account.Address, newPassword);
        return Task.FromResult(true);
    }
}

public sealed class CapturedMail : ISystemMail
{
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public MailboxAddress Sender { get; } = new("WebmailLite", "ne-pas-repondre@ac-test.fr");

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        message.From.Clear();
        message.From.Add(Sender);
        Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>Checks passwords against the fake directory; the mail server can be made unreachable.</summary>
public sealed class FakeMailService(FakeDirectory directory) : IMailService
{
    public bool Unreachable { get; set; }

    public int SignIns { get; private set; }

    public bool IsPractice => false;

    public Task<SignInOutcome> SignInAsync(string identifier, string password, CancellationToken cancellationToken)
    {
        SignIns++;
        if (Unreachable)
        {
            return Task.FromResult(SignInOutcome.Unavailable);
        }
        return Task.FromResult(directory.PasswordOf(identifier) == password
            ? SignInOutcome.Success(new IdentityOnlyMailbox(identifier))
            : SignInOutcome.BadCredentials);
    }
}

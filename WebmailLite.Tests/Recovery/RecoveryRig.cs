using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Sessions;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>
/// The recovery services built by hand over an in-memory LiteDB, a hand-moved clock, a fake directory and a
/// capturing system mail. Answers are hashed with the fewest iterations allowed, to keep tests fast.
/// </summary>
internal sealed class RecoveryRig : IAsyncDisposable
{
    /// <summary>A whole second: LiteDB keeps milliseconds, so waits computed from stored times stay exact.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public RecoveryRig(Action<RecoveryOptions>? configure = null, AppDatabase? database = null)
    {
        // No response floor: it pads real time, and the tests that need it set it (RecoveryServiceTests).
        Options = new RecoveryOptions { AnswerHashIterations = 1_000, AllowWeakHashingForTests = true, MinimumResponseTime = TimeSpan.Zero };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Database = database ?? AppDatabase.InMemory();
        Secret = new RecoverySecret(new LiteDbRecoverySecretStore(Database), Protection);
        Codes = new LiteDbRecoveryCodeStore(Database, Secret, Clock, options);
        Grants = new LiteDbResetGrantStore(Database, Secret, Clock);
        Enrolments = new LiteDbEnrolmentStore(Database, Clock);
        Answers = new AnswerHasher(options);
        Tickets = new LiteDbAssistanceTicketStore(Database, Clock);
        Throttle = new RecoveryThrottle(new AttemptLimiter(new LiteDbAttemptStore(Database, Clock)), options);
        Audit = new LiteDbRecoveryAudit(Database, Clock);
        Policy = new PasswordPolicy(options);
        Mailer = new RecoveryMailer(Mail, MailerLog);
        Sessions = new MailSessionManager(
            Microsoft.Extensions.Options.Options.Create(new MailSessionOptions()),
            new LiteDbSessionRecordStore(Database, Clock), Clock, NullLogger<MailSessionManager>.Instance);
        var localizer = new StringLocalizer<RecoveryText>(new ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
        Questions = new SuggestedQuestions(localizer);
        Service = new RecoveryService(Directory, Codes, Grants, Enrolments, Answers, Tickets, Throttle, Audit, Mailer, Policy,
            Questions, Secret, Sessions, Clock, options, NullLogger<RecoveryService>.Instance);
        Desk = new AssistanceDesk(Tickets, Codes, Audit, Directory, options);
    }

    public TestClock Clock { get; } = new(Start);
    public IDataProtectionProvider Protection { get; } = new EphemeralDataProtectionProvider();
    public RecoveryOptions Options { get; }
    public AppDatabase Database { get; }
    public RecoverySecret Secret { get; }
    public IRecoveryCodeStore Codes { get; }
    public IResetGrantStore Grants { get; }
    public IEnrolmentStore Enrolments { get; }
    public AnswerHasher Answers { get; }
    public IAssistanceTicketStore Tickets { get; }
    public RecoveryThrottle Throttle { get; }
    public IRecoveryAudit Audit { get; }
    public PasswordPolicy Policy { get; }
    public CapturingSystemMail Mail { get; } = new();
    public ListLogger<RecoveryMailer> MailerLog { get; } = new();
    public RecoveryMailer Mailer { get; }
    public MailSessionManager Sessions { get; }
    public SuggestedQuestions Questions { get; }
    public FakeAccountDirectory Directory { get; } = new();
    public RecoveryService Service { get; }
    public AssistanceDesk Desk { get; }

    public static async Task<RecoveryRig> StartedAsync(Action<RecoveryOptions>? configure = null)
    {
        var rig = new RecoveryRig(configure);
        await rig.Mailer.StartAsync(CancellationToken.None);
        return rig;
    }

    /// <summary>Waits until the background mailer has handed every queued mail to the system mail.</summary>
    public async Task FlushMailAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Mailer.Pending > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Recovery mails still pending.");
            }
            await Task.Delay(10);
        }
    }

    public void Enrol(string identifier, string? backup, params (string Question, string Answer)[] questions)
    {
        Enrolments.SetBackupAddress(identifier, backup);
        if (questions.Length > 0)
        {
            Enrolments.SetQuestions(identifier, [.. questions.Select(q => EnrolledQuestion.From(q.Question, Answers.Hash(q.Answer)))]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Mailer.StopAsync(CancellationToken.None);
        Mailer.Dispose();
        await Sessions.DisposeAsync();
        Database.Dispose();
    }
}

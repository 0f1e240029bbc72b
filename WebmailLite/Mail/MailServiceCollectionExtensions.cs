using WebmailLite.Accounts;
using WebmailLite.Mail.Compose;
using WebmailLite.Mail.Imap;
using WebmailLite.Mail.Outbox;
using WebmailLite.Mail.Sending;
using WebmailLite.Mail.Sessions;
using WebmailLite.Storage;

namespace WebmailLite.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Everything of the Mail folder: rendering, sessions and the signed-in person's <see cref="IMailbox"/> (scoped),
    /// composing, the outbox, and forms kept after a session ended. Every options class is validated at start, each
    /// refusal naming its key. Which server is behind the mailbox is decided once, in <c>Program.cs</c>:
    /// <see cref="AddImapServer"/> or the practice mailbox's <c>AddPractice</c>. Needs <c>AddStorage()</c>.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart()
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(5), "Mail:Timeout must be between 00:00:01 and 00:05:00.")
            .Validate(o => o.PageSize is >= 1 and <= 200, "Mail:PageSize must be between 1 and 200.")
            .Validate(o => o.Search.AccentWindow is >= 0 and <= 20_000, "Mail:Search:AccentWindow must be between 0 and 20000.")
            .Validate(o => o.Search.BodyTimeout > TimeSpan.Zero, "Mail:Search:BodyTimeout must be positive.")
            // Below, page boundaries would come closer than the searches for a clean cut; above, a page could pass the
            // sanitizer's own length budget and be shown as text.
            .Validate(o => o.MessagePageBytes is >= Rendering.BodyPages.MinPageBytes and <= 524_288, "Mail:MessagePageBytes must be between 65536 and 524288.")
            .Validate(o => o.UsePractice || o.Imap.Port is > 0 and < 65536, "Mail:Imap:Port must be a TCP port (1–65535).")
            .Validate(o => string.IsNullOrWhiteSpace(o.Smtp.Host) || o.Smtp.Port is > 0 and < 65536, "Mail:Smtp:Port must be a TCP port (1–65535).")
            .Validate(o => Enum.IsDefined(o.Imap.Security) && Enum.IsDefined(o.Smtp.Security), "Mail:Imap:Security and Mail:Smtp:Security must be None, StartTls or SslOnConnect.");
        services.AddOptions<MailSessionOptions>().Bind(configuration.GetSection(MailSessionOptions.Section)).ValidateOnStart()
            .Validate(o => o.SharedIdleTimeout > TimeSpan.Zero && o.PersonalIdleTimeout > TimeSpan.Zero, "Session:SharedIdleTimeout and Session:PersonalIdleTimeout must be positive.")
            .Validate(o => o.AbsoluteTimeout >= o.SharedIdleTimeout && o.AbsoluteTimeout >= o.PersonalIdleTimeout, "Session:AbsoluteTimeout must be at least each idle timeout.")
            .Validate(o => o.WarningBefore > TimeSpan.Zero && o.WarningBefore < o.SharedIdleTimeout && o.WarningBefore < o.PersonalIdleTimeout, "Session:WarningBefore must be positive and shorter than each idle timeout.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Session:SweepInterval must be positive.")
            .Validate(o => o.EndedSessionMemory >= TimeSpan.Zero, "Session:EndedSessionMemory must not be negative.");
        services.AddOptions<ComposeOptions>().Bind(configuration.GetSection(ComposeOptions.Section)).ValidateOnStart()
            .Validate(o => o.MaxAttachmentBytes > 0 && o.MaxTotalAttachmentBytes > 0, "Mail:Compose:MaxAttachmentBytes and Mail:Compose:MaxTotalAttachmentBytes must be positive.")
            .Validate(o => o.MaxRecipients >= 1, "Mail:Compose:MaxRecipients must be at least 1.")
            .Validate(o => o.AttachmentRetention > TimeSpan.Zero, "Mail:Compose:AttachmentRetention must be positive.")
            .Validate(o => o.SentFormMemory > TimeSpan.Zero, "Mail:Compose:SentFormMemory must be positive.")
            .Validate(o => o.MaxRequestBytes > 0, "Mail:Compose:MaxRequestBytes must be positive.");
        services.AddOptions<ComposeRescueOptions>().Bind(configuration.GetSection(ComposeRescueOptions.Section)).ValidateOnStart()
            .Validate(o => o.Retention > TimeSpan.Zero, "Mail:Rescue:Retention must be positive.");
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateOnStart()
            .Validate(o => o.RetryMin > TimeSpan.Zero && o.RetryMax >= o.RetryMin, "Mail:Outbox:RetryMin must be positive and Mail:Outbox:RetryMax at least RetryMin.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Mail:Outbox:PollInterval must be positive.")
            .Validate(o => o.Lease > TimeSpan.Zero, "Mail:Outbox:Lease must be positive.");

        // Thread-safe, built once: the sanitizer's configuration is not cheap.
        services.AddSingleton<Rendering.MessageRenderer>();

        services.AddStore<ISessionRecordStore, LiteDbSessionRecordStore, PostgresSessionRecordStore>();
        services.AddSingleton<MailSessionManager>();
        services.AddHostedService<MailSessionSweeper>();
        services.AddHttpContextAccessor();
        // The signed-in person's mailbox, for pages and services of one request. The session owns it (and closes it
        // when it ends), which is why IMailbox is not disposable: the container disposes what a scope hands out.
        services.AddScoped<IMailbox>(provider =>
            provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.Features.Get<MailSession>()?.Mailbox
            ?? throw new InvalidOperationException("No signed-in session: IMailbox serves only requests authorized as signed in."));

        // Small forms kept after their session ended (« Préférences », a contact): sealed by RescuedFieldsStore, kept here.
        services.AddStore<IKeptFieldsStore, LiteDbKeptFieldsStore, PostgresKeptFieldsStore>();

        services.AddStore<IComposeAttachmentStore, LiteDbComposeAttachmentStore, PostgresComposeAttachmentStore>();
        services.AddStore<IRescuedComposeStore, LiteDbRescuedComposeStore, PostgresRescuedComposeStore>();
        services.AddSingleton<ComposeFormGate>();
        services.AddScoped<ComposePrefill>();
        services.AddScoped<ComposeSubmission>();
        services.AddStore<IOutboxStore, LiteDbOutboxStore, PostgresOutboxStore>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }

    /// <summary>The académie's IMAP and SMTP servers behind the mailbox, and system mail sent over SMTP.</summary>
    public static IServiceCollection AddImapServer(this IServiceCollection services)
    {
        // Stateless: each sign-in builds its own ImapMailbox, which the session then owns.
        services.AddSingleton<IMailService, ImapMailService>();
        services.AddSingleton<ISystemMail, SmtpSystemMail>();
        return services;
    }
}

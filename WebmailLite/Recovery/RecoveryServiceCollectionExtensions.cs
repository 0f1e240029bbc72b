using WebmailLite.Recovery.Enrolment;
using WebmailLite.Storage;

namespace WebmailLite.Recovery;

public static class RecoveryServiceCollectionExtensions
{
    /// <summary>
    /// The forgotten-password journey, the assistance desk, and « Sécurité du compte » (backup address, personal
    /// questions, password change). Needs <c>AddStorage()</c> and <c>AddAccounts()</c> (the directory, sign-in).
    /// </summary>
    public static IServiceCollection AddRecovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecoveryOptions>()
            .Bind(configuration.GetSection(RecoveryOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The stores on Storage:Provider's database; the secret must be one for every instance, so it lives there too.
        services.AddStore<IRecoverySecretStore, LiteDbRecoverySecretStore, PostgresRecoverySecretStore>();
        services.AddSingleton<RecoverySecret>();
        services.AddStore<IRecoveryCodeStore, LiteDbRecoveryCodeStore, PostgresRecoveryCodeStore>();
        services.AddStore<IResetGrantStore, LiteDbResetGrantStore, PostgresResetGrantStore>();
        services.AddStore<IEnrolmentStore, LiteDbEnrolmentStore, PostgresEnrolmentStore>();
        services.AddStore<IEnrolmentReminderStore, LiteDbEnrolmentReminderStore, PostgresEnrolmentReminderStore>();
        services.AddSingleton<EnrolmentReminder>();
        services.AddSingleton<AnswerHasher>();
        services.AddStore<IAssistanceTicketStore, LiteDbAssistanceTicketStore, PostgresAssistanceTicketStore>();
        services.AddSingleton<RecoveryThrottle>();
        services.AddStore<IRecoveryAudit, LiteDbRecoveryAudit, PostgresRecoveryAudit>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<RecoveryMailer>();
        services.AddHostedService(provider => provider.GetRequiredService<RecoveryMailer>());
        services.AddScoped<SuggestedQuestions>();
        services.AddScoped<RecoveryService>();
        services.AddScoped<AssistanceDesk>();
        services.AddSingleton<CurrentPasswordVerifier>();
        services.AddScoped<BackupAddressService>();
        services.AddScoped<PersonalQuestionsService>();
        services.AddScoped<PasswordChangeService>();
        return services;
    }
}

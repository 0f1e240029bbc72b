using WebmailLite.Recovery.Enrolment;

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
        services.AddSingleton<RecoverySecret>();
        services.AddSingleton<RecoveryCodeStore>();
        services.AddSingleton<ResetGrantStore>();
        services.AddSingleton<EnrolmentStore>();
        services.AddSingleton<EnrolmentReminderStore>();
        services.AddSingleton<EnrolmentReminder>();
        services.AddSingleton<AnswerHasher>();
        services.AddSingleton<AssistanceTicketStore>();
        services.AddSingleton<RecoveryThrottle>();
        services.AddSingleton<RecoveryAudit>();
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

namespace WebmailLite.Recovery;

public static class RecoveryServiceCollectionExtensions
{
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
        services.AddScoped<EnrolmentService>();
        return services;
    }
}

namespace WebmailLite.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInThrottleOptions>(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}

namespace WebmailLite.Mail.Compose;

public static class ComposeRescueServiceCollectionExtensions
{
    /// <summary>
    /// Compose forms kept after their session ended (<see cref="RescuedComposeStore"/>), pruned by the session sweeper.
    /// Needs <c>AddStorage()</c> (LiteDB, Data Protection keys beside it).
    /// </summary>
    public static IServiceCollection AddComposeRescue(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ComposeRescueOptions>(configuration.GetSection(ComposeRescueOptions.Section));
        services.AddSingleton<RescuedComposeStore>();
        return services;
    }
}

using WebmailLite.Recovery;

namespace WebmailLite.Pages.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>« Sécurité du compte »: pages (signed in only: see AddWebmailWeb) over <see cref="EnrolmentService"/> (needs <c>AddRecovery</c>).</summary>
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        services.AddScoped<EnrolmentService>();
        return services;
    }
}

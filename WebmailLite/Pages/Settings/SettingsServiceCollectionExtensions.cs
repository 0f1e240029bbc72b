using Microsoft.AspNetCore.Mvc.RazorPages;
using WebmailLite.Recovery;

namespace WebmailLite.Pages.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>« Sécurité du compte »: signed-in pages only, over <see cref="EnrolmentService"/> (needs <c>AddRecovery</c>).</summary>
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        services.AddScoped<EnrolmentService>();
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Settings"));
        return services;
    }
}

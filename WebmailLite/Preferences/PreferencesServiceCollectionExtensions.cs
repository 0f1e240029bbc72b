using WebmailLite.Storage;

namespace WebmailLite.Preferences;

public static class PreferencesServiceCollectionExtensions
{
    /// <summary>
    /// « Préférences »: the per-person store (on <c>Storage:Provider</c>), its rules, and the form kept when a session
    /// ended (on <c>AddMail()</c>'s kept forms' store).
    /// </summary>
    public static IServiceCollection AddPreferences(this IServiceCollection services)
    {
        services.AddStore<IPreferencesStore, LiteDbPreferencesStore, PostgresPreferencesStore>();
        services.AddSingleton<PreferencesService>();
        services.AddSingleton<RescuedPreferencesStore>();
        return services;
    }
}

namespace WebmailLite.Preferences;

public static class PreferencesServiceCollectionExtensions
{
    /// <summary>« Préférences »: the per-person store (LiteDB, the only provider yet), its rules, and the form kept when a session ended.</summary>
    public static IServiceCollection AddPreferences(this IServiceCollection services)
    {
        services.AddSingleton<IPreferencesStore, LitePreferencesStore>();
        services.AddSingleton<PreferencesService>();
        services.AddSingleton<RescuedPreferencesStore>();
        return services;
    }
}

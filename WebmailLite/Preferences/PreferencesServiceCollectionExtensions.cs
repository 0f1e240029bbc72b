namespace WebmailLite.Preferences;

public static class PreferencesServiceCollectionExtensions
{
    /// <summary>« Préférences »: the per-person store (LiteDB, the only provider yet) and its rules.</summary>
    public static IServiceCollection AddPreferences(this IServiceCollection services)
    {
        services.AddSingleton<IPreferencesStore, LitePreferencesStore>();
        services.AddSingleton<PreferencesService>();
        return services;
    }
}

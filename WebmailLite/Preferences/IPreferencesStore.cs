namespace WebmailLite.Preferences;

/// <summary>
/// Per-person preferences, on LiteDB (<see cref="LiteDbPreferencesStore"/>) or PostgreSQL
/// (<see cref="PostgresPreferencesStore"/>); both pass one contract suite
/// (WebmailLite.Tests/Preferences/PreferencesStoreContractTests).
/// </summary>
public interface IPreferencesStore
{
    /// <summary>The preferences of <paramref name="identifier"/>, or <see cref="UserPreferences.Default"/>.</summary>
    Task<UserPreferences> GetAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>Replaces the preferences of <paramref name="identifier"/> as a whole.</summary>
    Task SaveAsync(string identifier, UserPreferences preferences, CancellationToken cancellationToken);
}

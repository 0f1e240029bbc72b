namespace WebmailLite.Preferences;

/// <summary>
/// Stand-in until the real preferences store (LiteDB, issue 12 point 4) is registered: everyone has
/// <see cref="UserPreferences.Default"/> and saving does nothing. Registered with TryAdd by <c>AddContacts</c>, so the
/// real store's registration replaces it; delete this file once that store is merged.
/// </summary>
public sealed class DefaultPreferencesStore : IPreferencesStore
{
    public Task<UserPreferences> GetAsync(string identifier, CancellationToken cancellationToken) => Task.FromResult(UserPreferences.Default);

    public Task SaveAsync(string identifier, UserPreferences preferences, CancellationToken cancellationToken) => Task.CompletedTask;
}

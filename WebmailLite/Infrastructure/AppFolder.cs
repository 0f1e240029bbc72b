namespace WebmailLite.Infrastructure;

/// <summary>
/// The content root is the folder the app is installed in, not the current folder: <c>dotnet /opt/webmaillite/WebmailLite.dll</c>
/// started from anywhere (a service unit, a cron job, an administrator's home) reads <c>appsettings.json</c> and
/// resolves relative paths (<c>Storage:Path</c>) from the app's folder. Only an explicit content root
/// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) chooses another.
/// </summary>
public static class AppFolder
{
    /// <returns>The app's folder, or <c>null</c> when a content root is given explicitly (the host then uses it).</returns>
    public static string? ContentRoot(string[] args)
    {
        var explicitly = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return explicitly ? null : AppContext.BaseDirectory;
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace WebmailLite.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        var path = ResolvePath(configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new(), environment);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var keys = System.IO.Path.Combine(folder, "keys");
        // The Data Protection keys are stored unencrypted (no certificate or HSM is assumed here): only the app's
        // own user may read them.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddSingleton(_ => new AppDatabase($"Filename={path};Connection=direct"));
        services.AddSingleton<AttemptStore>();
        services.AddSingleton<AttemptLimiter>();

        // Keys beside the LiteDB file: cookies and protected data survive a restart of the app.
        services.AddDataProtection()
            .SetApplicationName("WebmailLite")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        return services;
    }

    public static string ResolvePath(StorageOptions options, IHostEnvironment environment) =>
        System.IO.Path.GetFullPath(options.Path, environment.ContentRootPath);
}

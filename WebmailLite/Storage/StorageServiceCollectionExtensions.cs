using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;
using WebmailLite.Storage.Postgres;

namespace WebmailLite.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The stores' database and the Data Protection key ring: LiteDB beside the app (<c>Storage:Path</c>, keys in its
    /// folder), or PostgreSQL shared by every instance (<c>Storage:Provider=PostgreSQL</c>, schema migrated at start,
    /// keys in the database). Each store registers itself with <see cref="AddStore{TService, TLiteDb, TPostgres}"/>.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(StorageOptions.Section);
        services.AddOptions<StorageOptions>().Bind(section)
            .Validate(o => o.Provider != StorageProvider.PostgreSQL || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:Provider is PostgreSQL but Storage:ConnectionString is not set (e.g. Host=db.ac-exemple.fr;Database=webmail;Username=webmail; the password in Storage__Password).")
            .ValidateOnStart();
        var options = section.Get<StorageOptions>() ?? new();

        // LiteDB is also the practice mailbox's store, whatever the provider of the others.
        var path = ResolvePath(options, environment);
        services.AddSingleton(_ =>
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            return new AppDatabase($"Filename={path};Connection=direct");
        });
        services.AddSingleton(provider => new PostgresDatabase(ConnectionString(provider.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddStore<IAttemptStore, LiteDbAttemptStore, PostgresAttemptStore>();
        services.AddSingleton<AttemptLimiter>();

        var protection = services.AddDataProtection().SetApplicationName("WebmailLite");
        if (options.Provider == StorageProvider.PostgreSQL)
        {
            // The schema first, before anything reads a store or a key: a database out of reach stops the start here.
            services.AddHostedService<PostgresStartup>();
            services.AddOptions<KeyManagementOptions>().Configure<PostgresDatabase>((keys, database) => keys.XmlRepository = new PostgresXmlRepository(database));
        }
        else
        {
            // Keys beside the LiteDB file: cookies and protected data survive a restart of the app. Stored unencrypted
            // (no certificate or HSM is assumed here): only the app's own user may read them.
            var keys = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "keys");
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(keys);
            }
            else
            {
                Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        return services;
    }

    /// <summary>
    /// One store, on the provider <c>Storage:Provider</c> names: the same interface, so every page and service is the
    /// same on both, and one contract test suite runs against both.
    /// </summary>
    public static IServiceCollection AddStore<TService, TLiteDb, TPostgres>(this IServiceCollection services)
        where TService : class
        where TLiteDb : class, TService
        where TPostgres : class, TService
    {
        services.AddSingleton<TService>(provider => provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.PostgreSQL
            ? ActivatorUtilities.CreateInstance<TPostgres>(provider)
            : ActivatorUtilities.CreateInstance<TLiteDb>(provider));
        return services;
    }

    public static string ResolvePath(StorageOptions options, IHostEnvironment environment) =>
        System.IO.Path.GetFullPath(options.Path, environment.ContentRootPath);

    /// <summary>The connection string with the password from <c>Storage:Password</c> when given there.</summary>
    public static string ConnectionString(StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!string.IsNullOrEmpty(options.Password))
        {
            builder.Password = options.Password;
        }
        return builder.ConnectionString;
    }

    /// <summary>Brings the schema up to date as the app starts, before it serves anything.</summary>
    private sealed class PostgresStartup(PostgresDatabase database, ILogger<PostgresStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var applied = database.Migrate();
            logger.LogInformation("PostgreSQL schema up to date ({Applied} migration(s) applied now)", applied.Count);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

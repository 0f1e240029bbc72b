using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Practice;

public static class PracticeServiceCollectionExtensions
{
    /// <summary>
    /// The embedded practice mailbox as <see cref="IMailService"/>, seeded on first start, with system mail delivered
    /// into the practice inboxes. Needs <c>AddStorage()</c> for the <see cref="AppDatabase"/>, and the host's
    /// configuration for <see cref="PracticeOptions"/>.
    /// </summary>
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PracticeOptions>()
            .BindConfiguration(PracticeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new PracticeStore(
            provider.GetRequiredService<AppDatabase>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<PracticeOptions>>().Value.PasswordHashIterations));
        services.AddSingleton<IMailService, PracticeMailService>();
        services.AddSingleton<Accounts.ISystemMail, PracticeSystemMail>();
        services.AddHostedService<SeedOnStart>();
        return services;
    }

    // A hosted service rather than seeding inside the store's factory: the seed runs once, at start-up, before
    // the first request, and its log line says so, instead of happening as a side effect of whoever resolves first.
    private sealed class SeedOnStart(PracticeStore store, TimeProvider time, ILogger<PracticeStore> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (PracticeSeed.SeedIfEmpty(store, time))
            {
                logger.LogInformation("Practice mailbox seeded with its sample accounts and messages.");
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

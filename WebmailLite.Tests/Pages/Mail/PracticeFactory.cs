using Microsoft.Extensions.DependencyInjection;
using WebmailLite.Practice;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Mail;

/// <summary>
/// The app on a fresh, seeded practice mailbox whose password hashes use few PBKDF2 iterations: these tests are about
/// pages, and each one seeds two accounts and signs in (600,000 iterations three times is about a second on CI).
/// </summary>
public static class PracticeFactory
{
    /// <param name="clock">A clock the test moves (a session that expires), or the system's.</param>
    public static WebmailFactory Create(TimeProvider? clock = null) => new(services: Services(clock));

    /// <summary>
    /// The same app with <c>Storage:Provider=PostgreSQL</c> on <paramref name="schema"/>: two factories on one schema are
    /// two instances of one deployment (each keeps its own practice mailbox, which stays on LiteDB).
    /// </summary>
    public static WebmailFactory OnPostgres(TestSchema schema, TimeProvider? clock = null) => new(schema.AppSettings(), Services(clock));

    private static Action<IServiceCollection> Services(TimeProvider? clock) => services =>
    {
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddSingleton(provider => new PracticeStore(provider.GetRequiredService<AppDatabase>(), provider.GetRequiredService<TimeProvider>(), iterations: 1_000));
    };
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPractice_ServesThePracticeMailService_AndSeedsOnStart()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The host always provides one; the practice options are bound from it (nothing set: the defaults).
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(_ => AppDatabase.InMemory());
        services.AddPractice();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            // A second start (a restart on the same file) finds the accounts and adds nothing.
            await hosted.StartAsync(CancellationToken.None);
        }

        var mail = provider.GetRequiredService<IMailService>();
        var store = provider.GetRequiredService<PracticeStore>();
        Assert.IsType<PracticeMailService>(mail);
        Assert.True(mail.IsPractice);
        Assert.NotNull(store.FindAccount(PracticeSeed.Identifier));
        Assert.InRange(store.GetFolders(PracticeSeed.Identifier).Sum(f => f.Total), 38, 48);
    }
}

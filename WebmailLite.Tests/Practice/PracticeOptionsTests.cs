using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Practice;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Practice;

public sealed class PracticeOptionsTests
{
    private static ServiceProvider Provider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("Practice:" + s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(_ => AppDatabase.InMemory());
        return services.AddPractice().BuildServiceProvider();
    }

    /// <summary>What the host runs at start (ValidateOnStart): null when the settings are accepted, else the failures.</summary>
    private static string? StartupFailure(params (string Key, string Value)[] settings)
    {
        using var provider = Provider(settings);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
    }

    [Fact]
    public void Default_IsTheProductionCount()
    {
        Assert.Null(StartupFailure());
        using var provider = Provider();
        Assert.Equal(600_000, provider.GetRequiredService<IOptions<PracticeOptions>>().Value.PasswordHashIterations);
        Assert.False(provider.GetRequiredService<IOptions<PracticeOptions>>().Value.AllowWeakHashingForTests);
    }

    [Theory]
    [InlineData("100000", null, true)]
    [InlineData("99999", null, false)]
    [InlineData("1000", null, false)]
    [InlineData("1000", "false", false)]
    [InlineData("1000", "true", true)]
    [InlineData("0", "true", false)]
    public void PasswordHashIterations_Validated_AtStart(string iterations, string? allowWeak, bool accepted)
    {
        var settings = new List<(string, string)> { ("PasswordHashIterations", iterations) };
        if (allowWeak is not null)
        {
            settings.Add(("AllowWeakHashingForTests", allowWeak));
        }

        var failure = StartupFailure([.. settings]);

        if (accepted)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.NotNull(failure);
            Assert.Contains("Practice:PasswordHashIterations", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheStore_HashesNewPasswordsWithTheConfiguredCount()
    {
        using var provider = Provider(("PasswordHashIterations", "2000"), ("AllowWeakHashingForTests", "true"));
        var store = provider.GetRequiredService<PracticeStore>();

        store.EnsureAccount("anne.lefevre", "Anne Lefèvre", "anne.lefevre@ac-test.fr", "bon-mot-de-passe");

        var database = provider.GetRequiredService<AppDatabase>();
        Assert.Equal(2000, database.Collection<PracticeStore.Account>("practice_accounts").FindById("anne.lefevre").Iterations);
        Assert.True(store.VerifyPassword("anne.lefevre", "bon-mot-de-passe"));
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed class RecoveryOptionsTests
{
    private static ServiceProvider Provider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("Recovery:" + s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddRecovery(configuration).BuildServiceProvider();
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
    public void Defaults_AreValid_AndThePolicy()
    {
        Assert.Null(StartupFailure());
        using var provider = Provider();
        var options = provider.GetRequiredService<IOptions<RecoveryOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(15), options.MailCodeLifetime);
        Assert.Equal(TimeSpan.FromHours(24), options.AgentCodeLifetime);
        Assert.Equal(5, options.MaxCodeAttempts);
        Assert.Equal(12, options.MinPasswordLength);
    }

    [Fact]
    public void MailCodeLifetime_IsBoundFromConfiguration()
    {
        using var provider = Provider(("MailCodeLifetime", "00:20:00"));

        Assert.Equal(TimeSpan.FromMinutes(20), provider.GetRequiredService<IOptions<RecoveryOptions>>().Value.MailCodeLifetime);
    }

    [Theory]
    [InlineData("MailCodeLifetime", "1.00:00:00", true)]
    [InlineData("MailCodeLifetime", "23:59:59", true)]
    [InlineData("MailCodeLifetime", "1.00:00:01", false)]
    [InlineData("MailCodeLifetime", "2.00:00:00", false)]
    [InlineData("MailCodeLifetime", "00:00:00", false)]
    [InlineData("MailCodeLifetime", "-00:15:00", false)]
    [InlineData("AgentCodeLifetime", "1.00:00:00", true)]
    [InlineData("AgentCodeLifetime", "1.00:00:01", false)]
    [InlineData("AgentCodeLifetime", "00:00:00", false)]
    [InlineData("MaxCodeAttempts", "1", true)]
    [InlineData("MaxCodeAttempts", "10", true)]
    [InlineData("MaxCodeAttempts", "0", false)]
    [InlineData("MaxCodeAttempts", "11", false)]
    [InlineData("MinPasswordLength", "8", true)]
    [InlineData("MinPasswordLength", "64", true)]
    [InlineData("MinPasswordLength", "7", false)]
    [InlineData("MinPasswordLength", "65", false)]
    [InlineData("AnswerHashIterations", "100000", true)]
    [InlineData("AnswerHashIterations", "99999", false)]
    [InlineData("AnswerHashIterations", "10000000", true)]
    [InlineData("AnswerHashIterations", "10000001", false)]
    public void Validation_AtStart(string key, string value, bool accepted) =>
        AssertAcceptedOrNamed(StartupFailure((key, value)), accepted, key);

    /// <summary>Fewer iterations only through the setting whose name says it is for tests, and never none.</summary>
    [Theory]
    [InlineData("1000", "true", true)]
    [InlineData("1", "true", true)]
    [InlineData("1000", "false", false)]
    [InlineData("0", "true", false)]
    [InlineData("10000001", "true", false)]
    public void AnswerHashIterations_BelowTheFloor_OnlyWithTheTestOnlySetting(string iterations, string allowWeak, bool accepted) =>
        AssertAcceptedOrNamed(StartupFailure(("AnswerHashIterations", iterations), ("AllowWeakHashingForTests", allowWeak)), accepted, "Recovery:AnswerHashIterations");

    /// <summary>Accepted: no failure. Refused: a failure that names <paramref name="key"/>, so the administrator knows what to fix.</summary>
    private static void AssertAcceptedOrNamed(string? failure, bool accepted, string key)
    {
        if (accepted)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.NotNull(failure);
            Assert.Contains(key, failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validation_ByDataAnnotations_ReportsTheLifetime()
    {
        var options = new RecoveryOptions { MailCodeLifetime = TimeSpan.FromHours(25) };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(RecoveryOptions.MailCodeLifetime)));
    }

    [Theory]
    [InlineData("agent1", true)]
    [InlineData(" AGENT1 ", true)]
    [InlineData("agent2", false)]
    public void IsAgent_ComparesIgnoringCaseAndSpaces(string identifier, bool expected) =>
        Assert.Equal(expected, new RecoveryOptions { AssistanceAgents = ["Agent1 "] }.IsAgent(identifier));
}

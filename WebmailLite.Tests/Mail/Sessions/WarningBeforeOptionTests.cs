using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Sessions;

namespace WebmailLite.Tests.Mail.Sessions;

/// <summary>Session:WarningBefore is checked when the app starts: a warning must come before the end of every session.</summary>
public sealed class WarningBeforeOptionTests
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("00:14:59", null, true)]
    [InlineData("00:00:10", "00:00:20", true)]
    [InlineData("00:15:00", null, false)]
    [InlineData("00:00:20", "00:00:20", false)]
    [InlineData("00:00:00", null, false)]
    [InlineData("-00:00:01", null, false)]
    public void WarningBefore_ShorterThanEachIdleLimit_ElseRefusedAtStart(string? warning, string? sharedIdle, bool accepted)
    {
        var settings = new Dictionary<string, string?>();
        if (warning is not null)
        {
            settings["Session:WarningBefore"] = warning;
        }
        if (sharedIdle is not null)
        {
            settings["Session:SharedIdleTimeout"] = sharedIdle;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMail(configuration).BuildServiceProvider();

        var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        if (accepted)
        {
            Assert.Null(failure);
            Assert.Equal(warning is null ? TimeSpan.FromMinutes(2) : TimeSpan.Parse(warning, System.Globalization.CultureInfo.InvariantCulture),
                provider.GetRequiredService<IOptions<MailSessionOptions>>().Value.WarningBefore);
        }
        else
        {
            Assert.Contains("Session:WarningBefore must be positive and shorter than each idle timeout.", Assert.IsType<OptionsValidationException>(failure).Message);
        }
    }
}

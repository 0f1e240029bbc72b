using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Mail;

/// <summary>Mail:Search:AccentWindow and Mail:Search:BodyTimeout are checked when the app starts, the refusal naming the key.</summary>
public sealed class SearchOptionsTests
{
    [Theory]
    [InlineData("Mail:Search:AccentWindow", "0", null)]
    [InlineData("Mail:Search:AccentWindow", "20000", null)]
    [InlineData("Mail:Search:AccentWindow", "-1", "Mail:Search:AccentWindow must be between 0 and 20000.")]
    [InlineData("Mail:Search:AccentWindow", "20001", "Mail:Search:AccentWindow must be between 0 and 20000.")]
    [InlineData("Mail:Search:BodyTimeout", "00:00:30", null)]
    [InlineData("Mail:Search:BodyTimeout", "00:00:00", "Mail:Search:BodyTimeout must be positive.")]
    public void Validated_AtStart(string key, string value, string? refusal)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddMail(configuration).BuildServiceProvider();

        var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        if (refusal is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains(refusal, Assert.IsType<OptionsValidationException>(failure).Message);
        }
    }

    [Fact]
    public void Defaults_AThousandMessages_TenSeconds()
    {
        using var provider = new ServiceCollection().AddLogging().AddMail(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var search = provider.GetRequiredService<IOptions<MailOptions>>().Value.Search;

        Assert.Equal((1000, TimeSpan.FromSeconds(10)), (search.AccentWindow, search.BodyTimeout));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Tests.Mail;

/// <summary>Mail:MessagePageBytes is checked when the app starts, the refusal naming the key.</summary>
public sealed class MessagePageBytesOptionTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("65536", true)]
    [InlineData("524288", true)]
    [InlineData("65535", false)]
    [InlineData("524289", false)]
    [InlineData("0", false)]
    public void MessagePageBytes_Validated_AtStart(string? value, bool accepted)
    {
        var settings = value is null ? [] : new Dictionary<string, string?> { ["Mail:MessagePageBytes"] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMail(configuration).BuildServiceProvider();

        var failure = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        if (accepted)
        {
            Assert.Null(failure);
            Assert.Equal(value is null ? MailOptions.DefaultMessagePageBytes : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
                provider.GetRequiredService<IOptions<MailOptions>>().Value.MessagePageBytes);
        }
        else
        {
            Assert.Contains("Mail:MessagePageBytes must be between 65536 and 524288.", Assert.IsType<OptionsValidationException>(failure).Message);
        }
    }

    [Fact]
    public void Renderer_TakesThePageSize_FromTheOptions()
    {
        var message = new MimeKit.MimeMessage { Body = new MimeKit.TextPart("plain") { Text = new string('a', 100_000) + "\n" } };
        var request = new RenderRequest("INBOX", 1, false, i => $"/p/{i}");

        var small = new MessageRenderer(Options.Create(new MailOptions { MessagePageBytes = 65_536 })).Render(message, request);
        var large = new MessageRenderer(Options.Create(new MailOptions { MessagePageBytes = 262_144 })).Render(message, request);

        Assert.Equal((2, 1), (small.BodyPageCount, large.BodyPageCount));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Mail;

public sealed class MailServerChoiceTests
{
    [Theory]
    [InlineData("Production", null, null, true, false)]
    [InlineData("Production", null, "true", false, true)]
    [InlineData("Testing", null, null, true, false)]
    [InlineData("Development", null, null, false, true)]
    [InlineData("Production", "imap.ac-exemple.fr", null, false, false)]
    [InlineData("Development", "imap.ac-exemple.fr", "true", true, false)]
    [InlineData("Production", "imap.ac-exemple.fr", "false", false, false)]
    public void Choice(string environment, string? imapHost, string? practiceSwitch, bool refused, bool practice)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Imap:Host"] = imapHost,
            ["Practice:Enabled"] = practiceSwitch,
        }).Build();
        var host = new Environment { EnvironmentName = environment };

        if (refused)
        {
            var refusal = Assert.Throws<InvalidOperationException>(() => MailServerChoice.UsePractice(configuration, host));
            Assert.Contains("Mail:Imap:Host", refusal.Message);
            Assert.Contains("Practice:Enabled", refusal.Message);
        }
        else
        {
            Assert.Equal(practice, MailServerChoice.UsePractice(configuration, host));
        }
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "WebmailLite";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Mail.Sending;
using WebmailLite.Practice;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Accounts;

/// <summary>What <c>AddAccounts()</c> picks from configuration, in the real app.</summary>
public sealed class AccountsWiringTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("webmaillite-wiring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string?> Imap(Dictionary<string, string?> more)
    {
        var settings = new Dictionary<string, string?>
        {
            // Nothing listens there: nothing in these tests connects.
            ["Mail:Imap:Host"] = "127.0.0.1",
            ["Mail:Imap:Port"] = "1",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = "1",
            ["Mail:AddressDomain"] = "ac-test.fr",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    [Fact]
    public void PracticeMode_UsesThePracticeDirectoryAndSystemMail()
    {
        using var factory = new WebmailFactory();

        Assert.IsType<PracticeAccountDirectory>(factory.Services.GetRequiredService<IAccountDirectory>());
        Assert.IsType<PracticeSystemMail>(factory.Services.GetRequiredService<ISystemMail>());
    }

    [Fact]
    public void APasswdFileAndAMailServer_UseThePasswdFileAndSmtp()
    {
        var passwd = Path.Combine(_folder, "users");
        File.WriteAllText(passwd, "");
        using var factory = new WebmailFactory(Imap(new()
        {
            ["Accounts:PasswdFile"] = passwd,
            ["Accounts:SystemAccount:Identifier"] = "ne-pas-repondre",
            ["Accounts:SystemAccount:Password"] = "secret",
        }));

        Assert.IsType<PasswdFileAccountDirectory>(factory.Services.GetRequiredService<IAccountDirectory>());
        var mail = Assert.IsType<SmtpSystemMail>(factory.Services.GetRequiredService<ISystemMail>());
        Assert.Equal("ne-pas-repondre@ac-test.fr", mail.Sender.Address);
    }

    [Fact]
    public void APasswdFileWithoutSystemAccount_StopsTheAppAtStart()
    {
        var passwd = Path.Combine(_folder, "users");
        File.WriteAllText(passwd, "");
        using var factory = new WebmailFactory(Imap(new() { ["Accounts:PasswdFile"] = passwd }));

        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);

        Assert.Contains("Accounts:SystemAccount", error.Message, StringComparison.Ordinal);
    }
}

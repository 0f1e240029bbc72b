using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Accounts;

public sealed class AccountsOptionsValidatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("webmaillite-accounts-options-").FullName;
    private readonly string _passwd;

    public AccountsOptionsValidatorTests()
    {
        _passwd = Path.Combine(_folder, "users");
        File.WriteAllText(_passwd, "");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ValidateOptionsResult Validate(AccountsOptions options, string? imapHost = "127.0.0.1", string? domain = "ac-test.fr") =>
        new AccountsOptionsValidator(Options.Create(new MailOptions { Imap = new ImapEndpoint { Host = imapHost }, AddressDomain = domain }))
            .Validate(null, options);

    private AccountsOptions Complete() => new()
    {
        PasswdFile = _passwd,
        SystemAccount = new SystemAccountOptions { Identifier = "ne-pas-repondre", Password = "secret" },
        SystemSender = "Messagerie académique <ne-pas-repondre@ac-test.fr>",
    };

    [Fact]
    public void Validate_DefaultsInPracticeMode_Succeed()
    {
        Assert.True(Validate(new AccountsOptions(), imapHost: null, domain: null).Succeeded);
    }

    [Fact]
    public void Validate_ACompletePasswdFileSetUp_Succeeds()
    {
        Assert.True(Validate(Complete()).Succeeded);
    }

    [Fact]
    public void Validate_PasswdFileWithoutSystemAccount_FailsNamingTheMissingKey()
    {
        var options = Complete();
        options.SystemAccount = new SystemAccountOptions();

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("Accounts:SystemAccount", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_APasswdFileThatDoesNotExist_Fails()
    {
        var options = Complete();
        options.PasswdFile = Path.Combine(_folder, "absent");

        Assert.Contains("does not exist", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PasswdFileWithoutASender_Fails_UnlessTheDomainGivesOne()
    {
        var options = Complete();
        options.SystemSender = null;

        Assert.True(Validate(options, domain: null).Failed);
        Assert.True(Validate(options, domain: "ac-test.fr").Succeeded);
    }

    [Theory]
    [InlineData("pas une adresse")]
    [InlineData("a@b.fr, c@d.fr")]
    public void Validate_ASenderThatIsNotOneAddress_Fails(string sender)
    {
        var options = Complete();
        options.SystemSender = sender;

        Assert.Contains("Accounts:SystemSender", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public void Validate_PasswordHashCost_IsBounded(int cost, bool valid)
    {
        var options = Complete();
        options.PasswordHashCost = cost;

        Assert.Equal(valid, Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_ASystemAccountWithoutPassword_Fails()
    {
        var options = new AccountsOptions { SystemAccount = new SystemAccountOptions { Identifier = "ne-pas-repondre" } };

        Assert.True(Validate(options).Failed);
    }

    [Fact]
    public void Validate_AMissingContactsFile_Fails()
    {
        var options = Complete();
        options.ContactsFile = Path.Combine(_folder, "contacts-absent");

        Assert.Contains("Accounts:ContactsFile", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_APasswdFileInPracticeMode_Fails()
    {
        Assert.True(Validate(Complete(), imapHost: null).Failed);
    }
    private static AccountsOptions CompleteLdap(string url = "ldaps://annuaire.ac-test.fr") => new()
    {
        SystemAccount = new SystemAccountOptions { Identifier = "ne-pas-repondre", Password = "secret" },
        SystemSender = "Messagerie académique <ne-pas-repondre@ac-test.fr>",
        Ldap = new WebmailLite.Accounts.Ldap.LdapOptions
        {
            Url = url,
            BaseDn = "ou=people,dc=ac-test,dc=fr",
            BindDn = "cn=webmail,ou=services,dc=ac-test,dc=fr",
            BindPassword = "secret",
        },
    };

    [Fact]
    public void Validate_ACompleteLdapSetUp_Succeeds()
    {
        Assert.True(Validate(CompleteLdap()).Succeeded);
        var startTls = CompleteLdap("ldap://annuaire.ac-test.fr");
        startTls.Ldap.StartTls = true;
        Assert.True(Validate(startTls).Succeeded);
    }

    [Theory]
    [InlineData("ldap://annuaire.ac-test.fr", false, "in clear")]
    [InlineData("ldap://annuaire.ac-test.fr:389", true, "in clear")]
    [InlineData("http://annuaire.ac-test.fr", false, "ldap://host")]
    [InlineData("annuaire.ac-test.fr", false, "ldap://host")]
    public void Validate_AnLdapUrlThatWouldSendPasswordsInClear_OrIsNotLdap_Fails(string url, bool allowLoopback, string expected)
    {
        var options = CompleteLdap(url);
        options.Ldap.AllowPlainTextOnLoopback = allowLoopback;

        Assert.Contains(expected, Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainLdapOnLoopback_OnlyWhenAllowed()
    {
        var options = CompleteLdap("ldap://127.0.0.1:10389");
        Assert.True(Validate(options).Failed);
        options.Ldap.AllowPlainTextOnLoopback = true;
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_LdapWithoutBindPasswordBaseOrSystemAccount_OrBesideAPasswdFile_FailsNamingEach()
    {
        var options = CompleteLdap();
        options.Ldap.BindPassword = null;
        options.Ldap.BaseDn = "";
        options.Ldap.IdentifierFilter = "(uid=x)";
        options.Ldap.StateAttribute = "acAccountState";
        options.SystemAccount = new SystemAccountOptions();
        options.PasswdFile = _passwd;

        var message = Validate(options).FailureMessage;

        foreach (var expected in new[] { "BindPassword", "BaseDn", "{0}", "DisabledValues", "Accounts:SystemAccount", "both set" })
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }
}

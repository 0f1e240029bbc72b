using System.Net;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Accounts.Ldap;

/// <summary>
/// The directory over LDAPS and StartTLS, with the server's certificate checked: the app as its own process (libldap
/// reads its trust settings from the environment once per process), against the rig's slapd and its certificate of a
/// CA of the rig's own. Trusted (LDAPTLS_CACERT names that CA), recovery finds the person; not trusted, the directory
/// is unreachable and the page says the service is unavailable — never a connection without a checked certificate.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class LdapTlsTests
{
    private static DirectoryServer Directory => DirectoryServer.Instance;

    [Theory]
    [InlineData("ldaps", true)]
    [InlineData("starttls", true)]
    [InlineData("ldaps", false)]
    [InlineData("starttls", false)]
    public async Task RecoveryFindsThePerson_OnlyWhenTheDirectorysCertificateIsTrusted(string transport, bool trusted)
    {
        var personal = await Directory.MailServer().CreateAccountAsync("tls-perso");
        var person = await Directory.CreatePersonAsync("Léa Chiffré", "Lycée Vauvenargues, Aix", personal.Address);
        var storage = System.IO.Directory.CreateTempSubdirectory("webmaillite-ldap-tls-");
        var settings = LdapSettings.For(Directory, new()
        {
            ["Accounts:Ldap:Url"] = transport == "ldaps" ? Directory.LdapsUrl : Directory.StartTlsUrl,
            ["Accounts:Ldap:StartTls"] = transport == "starttls" ? "true" : "false",
            ["Accounts:Ldap:AllowPlainTextOnLoopback"] = "false",
            ["Storage:Path"] = Path.Combine(storage.FullName, "webmaillite.db"),
            ["LDAPTLS_CACERT"] = trusted ? Directory.CertificateAuthority : null,
        });
        foreach (var (key, value) in WebmailFactory.TestCostSettings)
        {
            settings.TryAdd(key, value);
        }
        using var app = AppProcess.Start(AppProcess.BuildOutput(), storage.FullName, settings);
        try
        {
            await app.WaitUntilListeningAsync();
            using var client = app.NewClient();
            var method = await RecoveryFlow.StartAsync(client, person.Identifier);
            await RecoveryFlow.ChooseAsync(client, method, "ContactMail");
            var byMail = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/courriel");
            var sent = await byMail.SubmitAsync(client, "main form");

            if (trusted)
            {
                Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"{sent.StatusCode}\n{app.Output}");
                var code = await HtmlPage.GetAsync(client, sent.Headers.Location!.OriginalString);
                Assert.Contains(WebmailLite.Recovery.RecoveryService.Mask(personal.Address), code.Text("[role=status]"));
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
            }
        }
        finally
        {
            app.KillHard();
            storage.Delete(recursive: true);
        }
    }
}

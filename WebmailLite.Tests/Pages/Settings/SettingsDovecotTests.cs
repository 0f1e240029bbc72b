using System.Net;
using System.Text.RegularExpressions;
using MailKit.Security;
using WebmailLite.Accounts;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Pages.Settings;

/// <summary>
/// « Sécurité du compte » on the real rig: the passwd-file directory behind Dovecot, system mail through Postfix
/// with the rig's service account, every mail read over IMAP.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class SettingsDovecotTests
{
    private static async Task<WebmailFactory> FactoryAsync()
    {
        var server = MailServer.Instance;
        var system = await server.SystemAccountAsync();
        return new WebmailFactory(WebmailFactory.DovecotSettings(new()
        {
            ["Accounts:PasswdFile"] = server.PasswdFile,
            ["Accounts:PasswordHashCost"] = AccountsOptionsValidator.MinPasswordHashCost.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Accounts:SystemAccount:Identifier"] = system.Identifier,
            ["Accounts:SystemAccount:Password"] = system.Password,
        }));
    }

    [Fact]
    public async Task BackupAddress_ConfirmedWithTheCodeMailedThroughPostfix()
    {
        var server = MailServer.Instance;
        var accounts = await server.CreateAccountsAsync("secours", "perso");
        var (account, personal) = (accounts[0], accounts[1]);
        using var factory = await FactoryAsync();
        var client = await factory.SignedInAsync(account.Identifier, account.Password);

        var form = await HtmlPage.GetAsync(client, "/parametres/securite/adresse-de-secours");
        var sent = await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Current"] = account.Password, ["Input.Address"] = personal.Address });
        var codePage = await HtmlPage.GetAsync(client, sent.Headers.Location!.OriginalString);
        var mail = await server.WaitForMessageAsync(personal, "Confirmez votre adresse de secours");
        var code = Regex.Match(mail.TextBody ?? "", @"Code de confirmation : (\d{8})").Groups[1].Value;
        var confirmed = await codePage.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Code"] = code });
        var security = await HtmlPage.GetAsync(client, confirmed.Headers.Location!.OriginalString);
        var notice = await server.WaitForMessageAsync(account, "Nouvelle adresse de secours");

        Assert.Contains(account.Identifier, mail.TextBody);
        Assert.Contains($"Votre adresse de secours : {personal.Address}", security.Text("main"));
        Assert.Contains(personal.Address[0] + "•••@", notice.TextBody);
    }

    [Fact]
    public async Task ChangePassword_TheNewOneOpensImapAndTheWebmail_TheOldOneNoLonger()
    {
        var server = MailServer.Instance;
        var account = await server.CreateAccountAsync("changement");
        const string renewed = "Une phrase toute neuve pour la rentrée";
        using var factory = await FactoryAsync();
        var client = await factory.SignedInAsync(account.Identifier, account.Password);

        var form = await HtmlPage.GetAsync(client, "/parametres/securite/mot-de-passe");
        var wrong = await HtmlPage.LoadAsync(await form.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = "pas le bon mot de passe",
            ["Input.New"] = renewed,
        }));
        var response = await wrong.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = account.Password,
            ["Input.New"] = renewed,
        });

        Assert.Contains("Le mot de passe actuel est incorrect.", wrong.Text("#Input_Current-error"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        using (var imap = await server.ConnectImapAsync(account with { Password = renewed }))
        {
            Assert.True(imap.IsAuthenticated);
            await imap.DisconnectAsync(true);
        }
        await Assert.ThrowsAsync<AuthenticationException>(() => server.ConnectImapAsync(account));
        Assert.Equal(HttpStatusCode.OK, (await factory.NewClient().SignInAsync(account.Identifier, account.Password)).StatusCode);
        await factory.SignedInAsync(account.Identifier, renewed);
        var notice = await server.WaitForMessageAsync(account with { Password = renewed }, "Le mot de passe de votre compte a été changé");
        Assert.Contains("depuis la page « Sécurité du compte »", notice.TextBody);
    }
}

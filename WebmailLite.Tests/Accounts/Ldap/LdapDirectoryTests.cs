using System.Diagnostics;
using System.Net;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebmailLite.Accounts;
using WebmailLite.Accounts.Ldap;
using WebmailLite.Contacts;
using WebmailLite.Recovery;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Pages.Recovery;

namespace WebmailLite.Tests.Accounts.Ldap;

/// <summary>
/// The app on the académie's directory, end to end against the rig's OpenLDAP (with ppolicy) and the Dovecot that
/// authenticates against it: the three recovery methods change the password in the directory, IMAP takes the new one
/// at once and refuses the old; the directory's policy refusals, closed accounts, the desk, and colleagues suggested.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class LdapDirectoryTests : IDisposable
{
    private static DirectoryServer Directory => DirectoryServer.Instance;

    private readonly List<WebmailFactory> _factories = [];

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private WebmailFactory Factory(Dictionary<string, string?>? more = null)
    {
        var factory = new WebmailFactory(LdapSettings.For(Directory, more));
        _factories.Add(factory);
        return factory;
    }

    [Fact]
    public async Task Directory_FindsPeopleByIdentifier_AnyCase_ClosedAccountsUnknownToRecovery()
    {
        var contact = await Directory.MailServer().CreateAccountAsync("perso");
        var person = await Directory.CreatePersonAsync("Hélène Dupont", "Collège Jean Moulin, Marseille", contact.Address);
        var closed = await Directory.CreatePersonAsync("Marc Lefort", "Lycée Thiers, Marseille", state: DirectoryServer.StateDisabled);
        var directory = Factory().Services.GetRequiredService<IAccountDirectory>();
        Assert.IsType<LdapAccountDirectory>(directory);

        Assert.Equal(person.Identifier, await directory.CanonicalIdentifierAsync(" " + person.Identifier.ToUpperInvariant(), default));
        Assert.Equal(contact.Address, await directory.ContactAddressAsync(person.Identifier, default));
        Assert.Equal(person.Address, await directory.AccountAddressAsync(person.Identifier, default));
        Assert.Equal(new DirectoryPerson(person.Identifier, "Hélène Dupont", "Collège Jean Moulin, Marseille", AccountState.Active),
            await directory.PersonAsync(person.Identifier, default));
        Assert.Null(await directory.CanonicalIdentifierAsync("personne-" + Guid.NewGuid().ToString("N")[..6], default));
        // Filter characters typed as an identifier match nothing (RFC 4515 escaping), not everyone.
        Assert.Null(await directory.CanonicalIdentifierAsync("*", default));
        Assert.Null(await directory.CanonicalIdentifierAsync(person.Identifier[..3] + "*", default));
        // A closed account: known to the desk, unknown to recovery (as to Dovecot).
        Assert.Null(await directory.CanonicalIdentifierAsync(closed.Identifier, default));
        Assert.False(await directory.ExistsAsync(closed.Identifier, default));
        Assert.Equal(AccountState.Disabled, (await directory.PersonAsync(closed.Identifier, default))!.State);
        Assert.True(await directory.ProvesClosedAccountAsync(closed.Identifier, closed.Password, default));
        Assert.False(await directory.ProvesClosedAccountAsync(closed.Identifier, closed.Password + "x", default));
        Assert.False(await directory.ProvesClosedAccountAsync(closed.Identifier, "", default));
        Assert.False(await directory.ProvesClosedAccountAsync(person.Identifier, person.Password, default));
    }

    [Fact]
    public async Task CodeByMail_ToTheDirectorysContactAddress_NewPasswordWorksInImap_OldRefused()
    {
        var mail = Directory.MailServer();
        var personal = await mail.CreateAccountAsync("perso");
        var person = await Directory.CreatePersonAsync("Camille Rousseau", "École Victor Hugo, Aix", personal.Address);
        var client = Factory().NewClient();

        var codePage = await RecoveryFlow.AskCodeByMailAsync(client, person.Identifier);

        Assert.Contains(RecoveryService.Mask(personal.Address), codePage.Text("[role=status]"));
        var code = await mail.WaitForMessageAsync(personal, "Votre code pour changer de mot de passe");
        var newPassword = DirectoryServer.NewPassword();
        await RecoveryFlow.FinishAsync(client, CapturingSystemMail.CodeIn(code), newPassword);
        await AssertPasswordChangedAsync(person, newPassword);
        Assert.StartsWith("{SSHA}", await Directory.ReadPasswordHashAsync(person));
        // The notice goes to the account's own address, the directory's mail attribute.
        await mail.WaitForMessageAsync(person.Account with { Password = newPassword }, "Le mot de passe de votre compte a été changé");
    }

    [Fact]
    public async Task Assistance_TheDeskSeesTheDirectorysNameAndSchool_ThenTheCodeChangesThePassword()
    {
        var mail = Directory.MailServer();
        var agent = await mail.CreateAccountAsync("agent");
        var person = await Directory.CreatePersonAsync("Jean-Noël Lefèvre", "Lycée Thiers, Marseille");
        var closed = await Directory.CreatePersonAsync("Anne Sortie", "Collège Mignet, Aix", state: DirectoryServer.StateDeleted);
        var factory = Factory(new() { ["Recovery:AssistanceAgents:0"] = agent.Identifier });
        var client = factory.NewClient();
        foreach (var who in new[] { person, closed })
        {
            var method = await RecoveryFlow.StartAsync(client, who.Identifier);
            await RecoveryFlow.ChooseAsync(client, method, "Assistance");
            var form = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/assistance");
            await form.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.HowToReach"] = "04 91 00 00 00" });
        }

        var desk = await factory.SignedInAsync(agent.Identifier, agent.Password);
        var list = await HtmlPage.GetAsync(desk, "/assistance");
        string TicketOf(TestPerson who) => list.QueryAll("tbody a").Single(a => a.ParentElement!.ParentElement!.TextContent.Contains(who.Identifier)).GetAttribute("href")!;
        var ticket = await HtmlPage.GetAsync(desk, TicketOf(person));
        var facts = ticket.QueryAll("dl.facts dt").Zip(ticket.QueryAll("dl.facts dd")).ToDictionary(p => p.First.TextContent, p => p.Second.TextContent);
        Assert.Equal($"Le compte {person.Identifier} existe.", facts["Compte"]);
        Assert.Equal("Jean-Noël Lefèvre", facts["Nom dans l'annuaire"]);
        Assert.Equal("Lycée Thiers, Marseille", facts["Établissement ou service"]);
        Assert.Contains("vérifiez que le nom et l'établissement", ticket.Document.Body!.TextContent);
        var closedTicket = await HtmlPage.GetAsync(desk, TicketOf(closed));
        Assert.Contains($"Le compte {closed.Identifier} est supprimé dans l'annuaire : ne donnez pas de code.", closedTicket.Text("dl.facts"));
        Assert.Contains("Collège Mignet, Aix", closedTicket.Text("dl.facts"));

        var issued = await HtmlPage.LoadAsync(await ticket.SubmitAsync(desk, "form[action*='handler=Code']",
            new Dictionary<string, string> { ["Input.IdentityCheck"] = "Rappel au numéro du lycée, nom et établissement conformes à l'annuaire" }));
        var code = issued.Text(".code-shown").Replace(" ", "", StringComparison.Ordinal);
        // The person typed the second ticket last: start again for the first.
        await RecoveryFlow.StartAsync(client, person.Identifier);
        var newPassword = DirectoryServer.NewPassword();
        await RecoveryFlow.FinishAsync(client, code, newPassword);
        await AssertPasswordChangedAsync(person, newPassword);
    }

    [Fact]
    public async Task BackupAddress_TwoRightAnswers_ThenTheCode_ThenTheDirectoryRefusesARecentPassword_WithAClearMessage()
    {
        var mail = Directory.MailServer();
        var backup = await mail.CreateAccountAsync("secours");
        var person = await Directory.CreatePersonAsync("Zoé Marchand", "Rectorat, DSI");
        var factory = Factory();
        RecoveryFlow.Enrol(factory.Services, person.Identifier, backup.Address);
        var client = factory.NewClient();
        var method = await RecoveryFlow.StartAsync(client, person.Identifier);
        await RecoveryFlow.ChooseAsync(client, method, "BackupAddress");
        var first = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/1");
        await first.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = "ecole jules ferry" });
        var second = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/questions/2");
        await second.SubmitAsync(client, "main form", new Dictionary<string, string> { ["Input.Answer"] = "LIMOGES" });
        var code = CapturingSystemMail.CodeIn(await mail.WaitForMessageAsync(backup, "Votre code pour changer de mot de passe"));
        var typed = await RecoveryFlow.TypeCodeAsync(client, code);
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);

        // The current password passes the app's own policy; the directory's (pwdInHistory) refuses it.
        var refused = await HtmlPage.LoadAsync(await RecoveryFlow.ChoosePasswordAsync(client, person.Password));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.StartsWith("Erreur : ", refused.Title);
        Assert.Contains("Vous avez déjà utilisé ce mot de passe récemment : l'annuaire de l'académie le refuse. Choisissez-en un nouveau.", refused.Text(".err-sum"));
        Assert.Equal("#Input_Password", refused.Query(".err-sum a")!.GetAttribute("href"));
        // Nothing changed, and the same page takes another one.
        await AssertPasswordChangedAsync(person, person.Password, oldPassword: null);
        var newPassword = DirectoryServer.NewPassword();
        var chosen = await RecoveryFlow.ChoosePasswordAsync(client, newPassword);
        Assert.Equal("/mot-de-passe-oublie/termine", chosen.Headers.Location?.OriginalString);
        await AssertPasswordChangedAsync(person, newPassword);
        await mail.WaitForMessageAsync(backup, "Le mot de passe de votre compte a été changé");
    }

    [Fact]
    public async Task SignIn_ADisabledAccount_WithItsRightPassword_IsToldToWriteToTheRectorat_AWrongPasswordGetsTheUsualMessage()
    {
        var person = await Directory.CreatePersonAsync("Luc Parti", "Collège Mignet, Aix", state: DirectoryServer.StateDisabled);
        var client = Factory().NewClient();
        var page = await HtmlPage.GetAsync(client, "/");

        var wrong = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = person.Identifier,
            ["Input.Password"] = person.Password + "!",
        }));
        var right = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = person.Identifier,
            ["Input.Password"] = person.Password,
        }));

        var usual = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Identifier"] = "personne-" + Guid.NewGuid().ToString("N")[..6],
            ["Input.Password"] = person.Password,
        }));
        Assert.Equal(usual.Text(".err-sum"), wrong.Text(".err-sum"));
        Assert.DoesNotContain("désactivé", wrong.Document.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("l'annuaire de l'académie indique que ce compte est désactivé ou supprimé", right.Text(".err-sum"));
        Assert.Equal("/aide/acces-refuse#compte-inconnu", right.Query(".err-sum a[href^='/aide']")!.GetAttribute("href"));
        Assert.Null(right.Query("header a[href='/deconnexion']"));
    }

    [Fact]
    public async Task Suggestions_ColleaguesFromTheDirectory_AccentsIgnored_WithJavaScriptsEndpoint_AndWithoutJavaScriptAtSend()
    {
        var mail = Directory.MailServer();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var colleague = await Directory.CreatePersonAsync($"Hélène Quérïn{tag}", "Collège Jean Moulin, Marseille");
        var closed = await Directory.CreatePersonAsync($"Hervé Quérïn{tag}", "Collège Jean Moulin, Marseille", state: DirectoryServer.StateDisabled);
        var sender = await Directory.CreatePersonAsync("Paul Envoyeur", "Rectorat, DSI");
        var factory = Factory();
        await ReloadStaffAsync(factory);
        var client = await factory.SignedInAsync(sender.Identifier, sender.Password);

        var json = await client.GetStringAsync($"/contacts/suggestions?q=helene%20querin{tag}");

        Assert.Contains(colleague.Address, json);
        Assert.Contains($"Hélène Quérïn{tag}", System.Text.Json.JsonDocument.Parse(json).RootElement[0].GetProperty("name").GetString());
        Assert.DoesNotContain(closed.Address, await client.GetStringAsync($"/contacts/suggestions?q=querin{tag}"));

        var page = await HtmlPage.GetAsync(client, "/courrier/ecrire");
        var subject = "Par l'annuaire " + tag;
        var back = await HtmlPage.LoadAsync(await page.SubmitAsync(client, "form.compose", new Dictionary<string, string>
        {
            ["Input.To"] = $"querin{tag} hel",
            ["Input.Subject"] = subject,
        }));
        Assert.Equal($"Hélène Quérïn{tag} <{colleague.Address}>", back.Query("#Input_To")!.GetAttribute("value"));
        var sent = await back.SubmitAsync(client, "form.compose", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var delivered = await mail.WaitForMessageAsync(colleague.Account, subject);
        // Sent as the directory names the sender, from the directory's address (not uid@domain).
        var from = delivered.From.Mailboxes.Single();
        Assert.Equal(("Paul Envoyeur", sender.Address), (from.Name, from.Address));
    }

    [Fact]
    public async Task DirectoryDown_RecoverySaysTheServiceIsUnavailable_SignInStillWorks_WithTheIdentifiersAddress()
    {
        var person = await Directory.CreatePersonAsync("Inès Panne", "Collège Mignet, Aix");
        var factory = Factory(new() { ["Accounts:Ldap:Url"] = "ldap://127.0.0.1:9", ["Accounts:Ldap:Timeout"] = "00:00:02" });
        var client = factory.NewClient();

        var method = await RecoveryFlow.StartAsync(client, person.Identifier);
        await RecoveryFlow.ChooseAsync(client, method, "ContactMail");
        var byMail = await HtmlPage.GetAsync(client, "/mot-de-passe-oublie/courriel");
        var failed = await HtmlPage.LoadAsync(await byMail.SubmitAsync(client, "main form"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.DoesNotContain("LdapException", failed.Document.Body!.TextContent);
        Assert.Equal("fr", failed.Document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(failed.Query("h1"));

        // Dovecot has its own connection to the directory: the mail service works, From made from the identifier.
        var signedIn = await factory.SignedInAsync(person.Identifier, person.Password);
        var compose = await HtmlPage.GetAsync(signedIn, "/courrier/ecrire");
        Assert.Contains($"{person.Identifier}@{Directory.Domain}", compose.Document.Body!.TextContent);
    }

    /// <summary>The staff directory is read at start; people created by a test since are there after one more read.</summary>
    internal static Task ReloadStaffAsync(WebmailFactory factory) =>
        Task.Run(() => factory.Services.GetServices<IHostedService>().OfType<StaffDirectoryLoader>().Single().Load());

    private static async Task AssertPasswordChangedAsync(TestPerson person, string newPassword, string? oldPassword = "")
    {
        var mail = Directory.MailServer();
        using (var client = await mail.ConnectImapAsync(person.Account with { Password = newPassword }))
        {
            Assert.True(client.IsAuthenticated);
            await client.DisconnectAsync(true);
        }
        if (oldPassword is not null)
        {
            await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(person.Account));
        }
    }
}

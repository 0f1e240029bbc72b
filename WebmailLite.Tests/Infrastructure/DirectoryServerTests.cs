using System.DirectoryServices.Protocols;
using MailKit.Security;
using MimeKit;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// Proves the directory rig: the private slapd behaves like an académie's OpenLDAP (ppolicy, ACLs), and the rig's
/// Dovecot and Postfix serve its people — so a password changed in the directory works at once in IMAP.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class DirectoryServerTests
{
    private static DirectoryServer Directory => DirectoryServer.Instance;

    [Fact]
    public async Task DirectoryPerson_LogsInOverImapAndReceivesMailDeliveredThroughPostfix()
    {
        var mail = Directory.MailServer();
        var person = await Directory.CreatePersonAsync("Élodie Bénard", "Collège Jean Moulin, Marseille", "elodie.benard@laposte.net");
        var sender = await mail.CreateAccountAsync("expediteur");

        using (var client = await mail.ConnectImapAsync(person.Account))
        {
            Assert.True(client.IsAuthenticated);
            await client.DisconnectAsync(true);
        }

        // To the directory's mail attribute (prénom.nom-…), not uid@domain: LMTP finds the person by address.
        Assert.NotEqual($"{person.Identifier}@{mail.Domain}", person.Address);
        var subject = $"Conseil de classe {Guid.NewGuid():N}";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Expéditeur", sender.Address));
        message.To.Add(new MailboxAddress(person.DisplayName, person.Address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Bonjour, le conseil de classe est avancé à 17 h." };
        await mail.SendAsync(sender, message);

        var received = await mail.WaitForMessageAsync(person.Account, subject);
        Assert.Equal(subject, received.Subject);
    }

    [Fact]
    public async Task PasswordModifyByTheAppAccount_NewPasswordWorksAtOnceInImapAndTheOldOneIsRefused()
    {
        var mail = Directory.MailServer();
        var person = await Directory.CreatePersonAsync("Hélène Lefèvre", "Lycée Thiers, Marseille");
        using (var before = await mail.ConnectImapAsync(person.Account))
        {
            await before.DisconnectAsync(true);
        }

        var newPassword = DirectoryServer.NewPassword();
        var result = await Directory.ChangePasswordAsAppAsync(person, newPassword);

        Assert.True(result.Succeeded, $"{result.ResultCode} {result.PolicyError} {result.Message}");
        Assert.Null(result.PolicyError);
        // No waiting: Dovecot binds as the person at each login (auth_bind, no auth cache).
        using (var after = await mail.ConnectImapAsync(person.Account with { Password = newPassword }))
        {
            Assert.True(after.IsAuthenticated);
            await after.DisconnectAsync(true);
        }

        await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(person.Account));
        // Hashed by the server (olcPasswordHash), never stored in clear.
        Assert.StartsWith("{SSHA}", await Directory.ReadPasswordHashAsync(person));
    }

    [Fact]
    public async Task PasswordModifyReusingAPasswordInHistory_IsRefusedBySlapdWithThePasswordPolicyControl()
    {
        var mail = Directory.MailServer();
        var person = await Directory.CreatePersonAsync("Jérôme Noël", "Collège Frédéric Mistral, Avignon");
        var second = DirectoryServer.NewPassword();
        Assert.True((await Directory.ChangePasswordAsAppAsync(person, second)).Succeeded);

        var result = await Directory.ChangePasswordAsAppAsync(person, person.Password);

        Assert.Equal(ResultCode.ConstraintViolation, result.ResultCode);
        Assert.Equal(WebmailLite.Accounts.Ldap.LdapPasswordPolicy.PolicyError.PasswordInHistory, result.PolicyError);
        Assert.Equal(8, (int)result.PolicyError!.Value);
        // Refused means unchanged: the current password still signs in, the one from history does not.
        using (var client = await mail.ConnectImapAsync(person.Account with { Password = second }))
        {
            await client.DisconnectAsync(true);
        }

        await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(person.Account));
    }

    [Fact]
    public async Task PasswordModifyWithATooShortPassword_IsRefusedWithPasswordTooShort()
    {
        var person = await Directory.CreatePersonAsync("Loïc Hébert", "Lycée Théodore Aubanel, Avignon");

        var result = await Directory.ChangePasswordAsAppAsync(person, "Court1");

        Assert.Equal(ResultCode.ConstraintViolation, result.ResultCode);
        Assert.Equal(WebmailLite.Accounts.Ldap.LdapPasswordPolicy.PolicyError.PasswordTooShort, result.PolicyError);
        Assert.Equal(6, (int)result.PolicyError!.Value);
    }

    [Fact]
    public async Task DisabledOrDeletedPerson_CannotLogInOverImapLikeAWrongPassword()
    {
        var mail = Directory.MailServer();
        var person = await Directory.CreatePersonAsync("Agnès François", "Collège Fontreyne, Gap", "agnes.francois@yahoo.fr");
        using (var client = await mail.ConnectImapAsync(person.Account))
        {
            await client.DisconnectAsync(true);
        }

        var disabled = await Directory.SetStateAsync(person, DirectoryServer.StateDisabled);
        await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(disabled.Account));

        var deleted = await Directory.SetStateAsync(person, DirectoryServer.StateDeleted);
        await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(deleted.Account));

        var created = await Directory.CreatePersonAsync("Gaël Ménard", "Lycée Jean Cocteau, Miramas", state: DirectoryServer.StateDisabled);
        await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(created.Account));

        // And back: the state alone decided.
        var active = await Directory.SetStateAsync(person, DirectoryServer.StateActive);
        using var again = await mail.ConnectImapAsync(active.Account);
        Assert.True(again.IsAuthenticated);
    }

    [Fact]
    public async Task AppAccount_ReadsPeopleWithTheirAccentsButNeverAPassword()
    {
        var person = await Directory.CreatePersonAsync("Maëlys Le Gall", "Lycée Félix Esclangon, Manosque", "maelys.legall@orange.fr");

        using var connection = Directory.Connect(Directory.AppBindDn, Directory.AppBindPassword);
        var filter = string.Format(System.Globalization.CultureInfo.InvariantCulture, Directory.UserFilter, person.Identifier);
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(
            Directory.PeopleDn,
            filter,
            SearchScope.OneLevel,
            Directory.DisplayNameAttribute, Directory.SchoolAttribute, Directory.AddressAttribute,
            Directory.ContactAddressAttribute, Directory.StateAttribute, "userPassword"));

        var entry = Assert.Single(response.Entries.Cast<SearchResultEntry>());
        Assert.Equal("Maëlys Le Gall", entry.Attributes[Directory.DisplayNameAttribute][0]);
        Assert.Equal("Lycée Félix Esclangon, Manosque", entry.Attributes[Directory.SchoolAttribute][0]);
        Assert.Equal(person.Address, entry.Attributes[Directory.AddressAttribute][0]);
        Assert.Equal("maelys.legall@orange.fr", entry.Attributes[Directory.ContactAddressAttribute][0]);
        Assert.Equal("active", entry.Attributes[Directory.StateAttribute][0]);
        Assert.Null(entry.Attributes["userPassword"]);
    }

    [Fact]
    public async Task SeededStaff_AreThereWithSchoolsAndStates()
    {
        using var connection = Directory.Connect(Directory.AppBindDn, Directory.AppBindPassword);
        var response = await Task.Run(() => (SearchResponse)connection.SendRequest(new SearchRequest(
            Directory.PeopleDn, "(|(uid=cmartin)(uid=jguerin)(uid=mferre))", SearchScope.OneLevel, "uid", "ou", "acAccountState")));

        var states = response.Entries.Cast<SearchResultEntry>().ToDictionary(e => (string)e.Attributes["uid"][0], e => (string)e.Attributes["acAccountState"][0]);
        Assert.Equal("active", states["cmartin"]);
        Assert.Equal("disabled", states["jguerin"]);
        Assert.Equal("deleted", states["mferre"]);
    }
}

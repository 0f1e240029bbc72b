using MimeKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Mail;
using WebmailLite.Practice;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Accounts;

/// <summary>The practice directory and the practice system mail, over a seeded practice store.</summary>
public sealed class PracticeAccountsTests : IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly PracticeStore _store;
    private readonly PracticeAccountDirectory _directory;

    public PracticeAccountsTests()
    {
        _store = new PracticeStore(_database, TimeProvider.System, iterations: 1_000);
        _store.EnsureAccount(PracticeSeed.Identifier, "Camille Martin", "camille.martin@" + PracticeSeed.Domain, PracticeSeed.Password);
        _store.EnsureAccount(PracticeSeed.SecondIdentifier, "Julien Bernard", "julien.bernard@" + PracticeSeed.Domain, PracticeSeed.Password);
        _directory = new PracticeAccountDirectory(_store);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CanonicalIdentifierAsync_IgnoresCase_UnknownIsNull()
    {
        Assert.Equal("camille.martin", await _directory.CanonicalIdentifierAsync(" Camille.MARTIN ", CancellationToken.None));
        Assert.True(await _directory.ExistsAsync("julien.bernard", CancellationToken.None));
        Assert.Null(await _directory.CanonicalIdentifierAsync("inconnu", CancellationToken.None));
        Assert.False(await _directory.ExistsAsync("inconnu", CancellationToken.None));
    }

    [Fact]
    public async Task ContactAddressAsync_IsTheOtherPracticeAccountsAddress()
    {
        Assert.Equal("julien.bernard@" + PracticeSeed.Domain, await _directory.ContactAddressAsync("camille.martin", CancellationToken.None));
        Assert.Equal("camille.martin@" + PracticeSeed.Domain, await _directory.ContactAddressAsync("julien.bernard", CancellationToken.None));
        Assert.Null(await _directory.ContactAddressAsync("inconnu", CancellationToken.None));
    }

    [Fact]
    public async Task AccountAddressAsync_IsThePracticeAddress()
    {
        Assert.Equal("camille.martin@" + PracticeSeed.Domain, await _directory.AccountAddressAsync("CAMILLE.MARTIN", CancellationToken.None));
        Assert.Null(await _directory.AccountAddressAsync("inconnu", CancellationToken.None));
    }

    [Fact]
    public async Task SetPasswordAsync_PracticeSignInThenTakesTheNewPasswordOnly()
    {
        var signIn = new PracticeMailService(_store);

        Assert.True(await _directory.SetPasswordAsync("Camille.Martin", "nouveau mot de passe", CancellationToken.None));

        var withNew = await signIn.SignInAsync("camille.martin", "nouveau mot de passe", CancellationToken.None);
        var withOld = await signIn.SignInAsync("camille.martin", PracticeSeed.Password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, withNew.Status);
        Assert.Equal(SignInStatus.BadCredentials, withOld.Status);
        Assert.Equal(SignInStatus.Success, (await signIn.SignInAsync("julien.bernard", PracticeSeed.Password, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task SetPasswordAsync_UnknownOrTooLong()
    {
        Assert.False(await _directory.SetPasswordAsync("inconnu", "nouveau mot de passe", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _directory.SetPasswordAsync("camille.martin", new string('a', 73), CancellationToken.None));
    }

    [Fact]
    public async Task PracticeSystemMail_DeliversToThePracticeInbox_FromTheSystemSender()
    {
        var mail = new PracticeSystemMail(_store, Options.Create(new AccountsOptions()), Options.Create(new MailOptions()), NullLogger<PracticeSystemMail>.Instance);
        var message = new MimeMessage { Subject = "Votre code de vérification" };
        message.To.Add(new MailboxAddress("", "julien.bernard@" + PracticeSeed.Domain));
        message.To.Add(new MailboxAddress("", "quelquun@ailleurs.fr"));
        message.Body = new TextPart("plain") { Text = "Code : 12345678" };
        var before = _store.FindFolder("julien.bernard", "INBOX")!.Total;

        await mail.SendAsync(message, CancellationToken.None);

        Assert.Equal("ne-pas-repondre@" + PracticeSeed.Domain, mail.Sender.Address);
        Assert.Equal(AccountsOptions.DefaultSenderName, mail.Sender.Name);
        var inbox = _store.FindFolder("julien.bernard", "INBOX")!;
        Assert.Equal(before + 1, inbox.Total);
        var received = _store.ReadNewestFirst("julien.bernard", "INBOX", 0, 1).Single();
        Assert.Equal("Votre code de vérification", received.Subject);
        Assert.Equal("ne-pas-repondre@" + PracticeSeed.Domain, received.FromAddress);
        Assert.Equal(0, _store.FindFolder("camille.martin", "INBOX")!.Total);
    }

    [Fact]
    public void PracticeSystemMail_UsesTheConfiguredSender()
    {
        var mail = new PracticeSystemMail(_store, Options.Create(new AccountsOptions { SystemSender = "Rectorat <dane@ac-exemple.fr>" }),
            Options.Create(new MailOptions()), NullLogger<PracticeSystemMail>.Instance);

        Assert.Equal(new MailboxAddress("Rectorat", "dane@ac-exemple.fr").ToString(), mail.Sender.ToString());
    }
}

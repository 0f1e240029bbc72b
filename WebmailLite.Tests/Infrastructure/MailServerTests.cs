using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>Proves the test rig itself: real Dovecot and Postfix behave as the app's tests assume.</summary>
[Trait("Category", "MailServer")]
public sealed class MailServerTests
{
    private static MailServer Server => MailServer.Instance;

    [Fact]
    public async Task CreatedAccountLogsInAndAWrongPasswordIsRefused()
    {
        var account = await Server.CreateAccountAsync("login");

        Assert.Matches("^login-[0-9a-f]{6}$", account.Identifier);
        Assert.Equal($"{account.Identifier}@ac-test.fr", account.Address);
        using (var client = await Server.ConnectImapAsync(account))
        {
            Assert.True(client.IsAuthenticated);
            await client.DisconnectAsync(true);
        }

        await Assert.ThrowsAsync<AuthenticationException>(() => Server.ConnectImapAsync(account with { Password = "wrong" }));
    }

    [Fact]
    public async Task MailSentFromOneAccountArrivesInTheOthersInboxWithItsAccentedSubject()
    {
        var accounts = await Server.CreateAccountsAsync("sender", "recipient");
        var (sender, recipient) = (accounts[0], accounts[1]);
        var subject = $"Conseil de classe : élèves, réunion à 18 h — {Guid.NewGuid():N}";
        var message = NewMessage(sender, recipient, subject, "Bonjour à tous, voici l'ordre du jour.");

        await Server.SendAsync(sender, message);

        var received = await Server.WaitForMessageAsync(recipient, subject);
        Assert.Equal(subject, received.Subject);
        Assert.Equal(sender.Address, received.From.Mailboxes.Single().Address);
        Assert.Contains("voici l'ordre du jour", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmissionWithoutAuthenticationIsRefused()
    {
        var sender = await Server.CreateAccountAsync("noauth");
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(Server.SmtpHost, Server.SmtpPort, SecureSocketOptions.None);

        // Refused for the local domain as well as for relaying elsewhere.
        var local = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync(NewMessage(sender, sender, "local", "x")));
        var relay = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync(NewMessage(sender, new TestAccount("x", "x", "someone@example.com"), "relay", "x")));

        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, local.ErrorCode);
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, relay.ErrorCode);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task AChangedPasswordReplacesTheOldOne()
    {
        var account = await Server.CreateAccountAsync("passwd");

        var changed = await Server.SetPasswordAsync(account, "Nouveau-mot-de-passe-2025");

        await Assert.ThrowsAsync<AuthenticationException>(() => Server.ConnectImapAsync(account));
        using var client = await Server.ConnectImapAsync(changed);
        Assert.True(client.IsAuthenticated);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task SpecialUseFoldersExist()
    {
        var account = await Server.CreateAccountAsync("folders");
        using var client = await Server.ConnectImapAsync(account);

        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.SpecialUse));
        var expected = new Dictionary<SpecialFolder, string>
        {
            [SpecialFolder.Drafts] = "Drafts",
            [SpecialFolder.Sent] = "Sent",
            [SpecialFolder.Trash] = "Trash",
            [SpecialFolder.Junk] = "Junk",
            [SpecialFolder.Archive] = "Archive",
        };
        foreach (var (use, name) in expected)
        {
            var folder = client.GetFolder(use);
            Assert.NotNull(folder);
            Assert.Equal(name, folder.FullName);
        }

        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task AppendPutsMessagesInTheNamedFolders()
    {
        var accounts = await Server.CreateAccountsAsync("append", "other");
        var (account, other) = (accounts[0], accounts[1]);

        await Server.AppendAsync(account, "Sent", NewMessage(account, other, "envoyé", "x"), seen: true);
        await Server.AppendAsync(account, "Classes/6e B", NewMessage(other, account, "rangé", "x"));
        await Server.AppendManyAsync(account, Enumerable.Range(1, 600).Select(i => NewMessage(other, account, $"message {i}", "x")));

        using var client = await Server.ConnectImapAsync(account);
        var sent = client.GetFolder(SpecialFolder.Sent)!;
        await sent.OpenAsync(FolderAccess.ReadOnly);
        var sentSummary = Assert.Single(await sent.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.Envelope));
        Assert.Equal("envoyé", sentSummary.Envelope?.Subject);
        Assert.True(sentSummary.Flags!.Value.HasFlag(MessageFlags.Seen));

        var custom = await client.GetFolderAsync("Classes/6e B");
        await custom.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(1, custom.Count);

        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(600, client.Inbox.Count);
        await client.DisconnectAsync(true);
    }

    internal static MimeMessage NewMessage(TestAccount from, TestAccount to, string subject, string body) =>
        new(
            [new MailboxAddress(from.Identifier, from.Address)],
            [new MailboxAddress(to.Identifier, to.Address)],
            subject,
            new TextPart("plain") { Text = body });
}

/// <summary>Outages on purpose: run alone so parallel tests never see them.</summary>
[Collection(MailServerDisruptionCollection.Name)]
[Trait("Category", "MailServer")]
public sealed class MailServerDisruptionTests
{
    private static MailServer Server => MailServer.Instance;

    [Fact]
    public async Task DovecotRestartKeepsAccountsAndMail()
    {
        var account = await Server.CreateAccountAsync("restart");
        await Server.AppendAsync(account, "INBOX", MailServerTests.NewMessage(account, account, "avant redémarrage", "x"));

        await Server.RestartDovecotAsync();

        var message = await Server.WaitForMessageAsync(account, "avant redémarrage", timeout: TimeSpan.FromSeconds(2));
        Assert.Equal("avant redémarrage", message.Subject);
    }

    [Fact]
    public async Task SmtpCanBeStoppedAndStartedAgain()
    {
        var sender = await Server.CreateAccountAsync("smtpdown");
        try
        {
            await Server.StopSmtpAsync();
            // A closed port: MailKit reports the refused connection as a SocketException.
            await Assert.ThrowsAsync<SocketException>(() => Server.ConnectSmtpAsync(sender));
        }
        finally
        {
            await Server.StartSmtpAsync();
        }

        await Server.SendAsync(sender, MailServerTests.NewMessage(sender, sender, "de retour", "x"));
        await Server.WaitForMessageAsync(sender, "de retour");
    }
}

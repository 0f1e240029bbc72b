using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;
using WebmailLite.Mail.Sessions;
using WebmailLite.Storage;
using WebmailLite.Tests.Browser;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail.Sessions;

/// <summary>
/// Idle release against the real Dovecot: a session's IMAP connection is closed on the server after
/// <see cref="ImapEndpoint.IdleRelease"/> without use (Dovecot's own count, <c>doveadm who</c>), the session stays signed
/// in, and the next click reconnects with the password held in memory — or ends the session if that password was changed.
/// </summary>
[Trait("Category", "MailServer")]
public sealed class ImapIdleReleaseTests : IDisposable
{
    private static readonly TimeSpan IdleRelease = TimeSpan.FromMinutes(2);

    private readonly TestClock _clock = new();
    private readonly AppDatabase _database = AppDatabase.InMemory();

    private static MailServer Server => MailServer.Instance;

    public void Dispose() => _database.Dispose();

    private async Task<IMailbox> SignInAsync(TestAccount account)
    {
        var service = new ImapMailService(Options.Create(ImapMailServiceTests.OptionsFor(Server)), NullLoggerFactory.Instance, _clock);
        var outcome = await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return outcome.Mailbox!;
    }

    [Fact]
    public async Task AnIdleConnection_IsClosedOnTheServer_AndTheNextClickReconnectsUnnoticed()
    {
        var account = await Server.CreateAccountAsync("liberer");
        await Server.AppendAsync(account, "INBOX", TestMessages.Plain(account));
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);
        Assert.NotNull(await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None));
        Assert.Equal(1, await Server.ImapConnectionsAsync(account, expected: 1));

        _clock.Advance(IdleRelease - TimeSpan.FromSeconds(1));
        Assert.False(await mailbox.ReleaseIdleConnectionAsync(IdleRelease));
        Assert.True(mailbox.HoldsConnection);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await mailbox.ReleaseIdleConnectionAsync(IdleRelease));
        Assert.False(mailbox.HoldsConnection);
        Assert.Equal(0, await Server.ImapConnectionsAsync(account, expected: 0));
        // Released once: nothing more to release.
        Assert.False(await mailbox.ReleaseIdleConnectionAsync(IdleRelease));

        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        Assert.Equal(TestMessages.PlainSubject, Assert.Single(page!.Messages).Subject);
        Assert.True(mailbox.HoldsConnection);
        Assert.Equal(1, await Server.ImapConnectionsAsync(account, expected: 1));
    }

    [Fact]
    public async Task AMailboxInUse_IsNotReleased_NorWaitedFor()
    {
        var account = await Server.CreateAccountAsync("liberer-occupe");
        await using var proxy = DroppingProxy.Start(Server.ImapHost, Server.ImapPort);
        var service = new ImapMailService(Options.Create(ImapMailServiceTests.OptionsFor("127.0.0.1", proxy.Port)), NullLoggerFactory.Instance, _clock);
        var mailbox = (await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None)).Mailbox!;
        await using var closing = new MailboxClosing(mailbox);
        _clock.Advance(IdleRelease * 10);

        // A slow server: the folder list is asked for, its answer held back, so the command is in progress.
        proxy.HoldReplies();
        var listing = mailbox.GetFoldersAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(listing.IsCompleted);
        var released = await mailbox.ReleaseIdleConnectionAsync(IdleRelease).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        proxy.LetRepliesThrough();

        Assert.False(released);
        Assert.NotEmpty(await listing.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(mailbox.HoldsConnection);
        Assert.Equal(1, proxy.Accepted);
    }

    [Fact]
    public async Task APasswordChangedWhileReleased_EndsTheSessionAtTheNextClick()
    {
        var account = await Server.CreateAccountAsync("liberer-mdp");
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);
        _clock.Advance(IdleRelease);
        Assert.True(await mailbox.ReleaseIdleConnectionAsync(IdleRelease));

        await Server.SetPasswordAsync(account, "Nouveau-mot-de-passe-2026");

        await Assert.ThrowsAsync<MailCredentialsRejectedException>(() => mailbox.GetFoldersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheManager_ReleasesOnlyTheSessionsIdleLongEnough()
    {
        var (active, idle) = (await Server.CreateAccountAsync("liberer-actif"), await Server.CreateAccountAsync("liberer-inactif"));
        var sessions = new MailSessionManager(Options.Create(new MailSessionOptions()), new LiteDbSessionRecordStore(_database, _clock), _clock, NullLogger<MailSessionManager>.Instance);
        await using var ending = sessions;
        var idleSession = sessions.Create(await SignInAsync(idle), sharedComputer: true);
        var activeSession = sessions.Create(await SignInAsync(active), sharedComputer: true);
        Assert.Equal(2, sessions.OpenConnections);

        _clock.Advance(IdleRelease);
        await activeSession.Mailbox.GetFoldersAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await sessions.ReleaseIdleConnectionsAsync(IdleRelease));
        Assert.Equal(1, sessions.OpenConnections);
        Assert.Equal(0, await Server.ImapConnectionsAsync(idle, expected: 0));
        Assert.Equal(1, await Server.ImapConnectionsAsync(active, expected: 1));
        // Both stay signed in: releasing a connection is not ending a session.
        Assert.Equal(2, sessions.Count);
        Assert.NotNull(await sessions.FindAsync(idleSession.Id));
    }

    [Theory]
    [InlineData(120, 60, 60)]
    [InlineData(60, 300, 30)]
    [InlineData(0, 60, 60)]
    public void TheSweeper_RunsAtLeastTwicePerIdleRelease(int idleReleaseSeconds, int sweepSeconds, int expectedSeconds)
    {
        var period = MailSessionSweeper.Period(
            new MailSessionOptions { SweepInterval = TimeSpan.FromSeconds(sweepSeconds) },
            new ImapEndpoint { IdleRelease = TimeSpan.FromSeconds(idleReleaseSeconds) });

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), period);
    }
}

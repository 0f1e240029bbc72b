using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Mail.Imap;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Mail;

// In the disruption collection because two tests restart Dovecot: xunit then runs this class alone, after the
// parallel collections, so no other test sees the outage.
[Collection(MailServerDisruptionCollection.Name)]
[Trait("Category", "MailServer")]
public sealed class ImapMailServiceTests
{
    // Not an assertion on speed: a guard so that a hang fails the test instead of stalling the run.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static MailServer Server => MailServer.Instance;

    internal static MailOptions OptionsFor(MailServer server, TimeSpan? timeout = null) =>
        OptionsFor(server.ImapHost, server.ImapPort, timeout);

    internal static MailOptions OptionsFor(string host, int port, TimeSpan? timeout = null) => new()
    {
        Imap = new ImapEndpoint { Host = host, Port = port, Security = TransportSecurity.None },
        // Long enough for a loaded CI machine, short enough that a hung server fails a test quickly.
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    private static ImapMailService Service(MailOptions options) => new(Options.Create(options), NullLoggerFactory.Instance);

    private static async Task<IMailbox> SignInAsync(TestAccount account)
    {
        var outcome = await Service(OptionsFor(Server)).SignInAsync(account.Identifier, account.Password, CancellationToken.None).WaitAsync(HangGuard);
        Assert.Equal(SignInStatus.Success, outcome.Status);
        return outcome.Mailbox!;
    }

    private static MimeMessage Message(string subject, MimeEntity? body = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Vie scolaire", "vie.scolaire@ac-test.fr"));
        message.To.Add(new MailboxAddress("Professeur", "professeur@ac-test.fr"));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.FromHours(1));
        message.Body = body ?? new TextPart("plain") { Text = "Bonjour." };
        return message;
    }

    [Fact]
    public async Task SignIn_RightPassword_ReturnsAnOpenMailbox()
    {
        var account = await Server.CreateAccountAsync("imap-ok");

        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);

        Assert.False(Service(OptionsFor(Server)).IsPractice);
        Assert.Equal(account.Identifier, mailbox.Identifier);
        Assert.Equal(SpecialFolder.Inbox, (await mailbox.GetFoldersAsync(CancellationToken.None))[0].Special);
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsBadCredentials()
    {
        var account = await Server.CreateAccountAsync("imap-wrong");

        var outcome = await Service(OptionsFor(Server)).SignInAsync(account.Identifier, account.Password + "x", CancellationToken.None).WaitAsync(HangGuard);

        Assert.Equal(SignInStatus.BadCredentials, outcome.Status);
        Assert.Null(outcome.Mailbox);
    }

    [Fact]
    public async Task SignIn_UnknownUser_IsTheSameBadCredentials()
    {
        var outcome = await Service(OptionsFor(Server)).SignInAsync("personne-" + Guid.NewGuid().ToString("N")[..8], "MotDePasse123", CancellationToken.None).WaitAsync(HangGuard);

        Assert.Same(SignInOutcome.BadCredentials, outcome);
    }

    [Theory]
    [InlineData("", "secret")]
    [InlineData("   ", "secret")]
    [InlineData("jdupont", "")]
    public async Task SignIn_EmptyIdentifierOrPassword_IsBadCredentialsWithoutContactingTheServer(string identifier, string password)
    {
        // Port 1 refuses connections: had the service tried, the answer would be Unavailable.
        var outcome = await Service(OptionsFor("127.0.0.1", 1)).SignInAsync(identifier, password, CancellationToken.None);

        Assert.Equal(SignInStatus.BadCredentials, outcome.Status);
    }

    [Fact]
    public async Task SignIn_ClosedPort_IsUnavailable()
    {
        var outcome = await Service(OptionsFor("127.0.0.1", 1)).SignInAsync("jdupont", "secret", CancellationToken.None).WaitAsync(HangGuard);

        Assert.Equal(SignInStatus.Unavailable, outcome.Status);
    }

    [Fact]
    public async Task SignIn_ServerThatNeverSpeaks_IsUnavailableAfterTheTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptSocketAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        try
        {
            var outcome = await Service(OptionsFor("127.0.0.1", port, TimeSpan.FromSeconds(1)))
                .SignInAsync("jdupont", "secret", CancellationToken.None).WaitAsync(HangGuard);

            Assert.Equal(SignInStatus.Unavailable, outcome.Status);
        }
        finally
        {
            await stop.CancelAsync();
            await accepting;
            accepted.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task SignIn_CallerCancels_Throws()
    {
        var account = await Server.CreateAccountAsync("imap-cancel");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Service(OptionsFor(Server)).SignInAsync(account.Identifier, account.Password, cancelled.Token));
    }

    [Fact]
    public async Task GetMessages_MultipartMixedWithAnAttachment_HasAttachments()
    {
        var account = await Server.CreateAccountAsync("imap-attach");
        var builder = new BodyBuilder { TextBody = "Ci-joint l'emploi du temps." };
        builder.Attachments.Add("emploi-du-temps.pdf", "%PDF-1.4 fictif"u8.ToArray(), new ContentType("application", "pdf"));
        await Server.AppendAsync(account, "INBOX", Message("Sans pièce jointe"));
        await Server.AppendAsync(account, "INBOX", Message("Emploi du temps", builder.ToMessageBody()));
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);

        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        Assert.NotNull(page);
        Assert.Equal(["Emploi du temps", "Sans pièce jointe"], page.Messages.Select(m => m.Subject));
        Assert.True(page.Messages[0].HasAttachments);
        Assert.False(page.Messages[1].HasAttachments);
    }

    [Fact]
    public async Task GetMessages_PageOf25FromAFolderOf60_ReturnsThatPageOnly()
    {
        var account = await Server.CreateAccountAsync("imap-page");
        await Server.AppendManyAsync(account, Enumerable.Range(1, 60).Select(i => Message($"Message {i:00}")));
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);

        var first = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);
        var second = await mailbox.GetMessagesAsync("INBOX", 2, 25, CancellationToken.None);
        var last = await mailbox.GetMessagesAsync("INBOX", 3, 25, CancellationToken.None);

        Assert.Equal(3, first!.PageCount);
        Assert.Equal(Enumerable.Range(36, 25).Reverse().Select(i => $"Message {i:00}"), first.Messages.Select(m => m.Subject));
        Assert.Equal(Enumerable.Range(11, 25).Reverse().Select(i => $"Message {i:00}"), second!.Messages.Select(m => m.Subject));
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => $"Message {i:00}"), last!.Messages.Select(m => m.Subject));
        Assert.Equal(60, first.Folder.Total);
        Assert.Equal(60, first.Folder.Unread);
    }

    [Fact]
    public async Task GetMessages_NewMailWhileTheFolderStaysSelected_IsListed()
    {
        var account = await Server.CreateAccountAsync("imap-newmail");
        await Server.AppendAsync(account, "INBOX", Message("Ancien"));
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);
        await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        // Delivered over another connection while this session keeps INBOX selected.
        await Server.AppendAsync(account, "INBOX", Message("Nouveau"));
        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None);

        Assert.Equal(["Nouveau", "Ancien"], page!.Messages.Select(m => m.Subject));
        Assert.Equal(2, page.Folder.Unread);
    }

    [Fact]
    public async Task Mailbox_ConcurrentCalls_AreSerialisedOnItsOneConnection()
    {
        var account = await Server.CreateAccountAsync("imap-concurrent");
        await Server.AppendAsync(account, "INBOX", Message("Un"));
        await Server.AppendAsync(account, "\\Sent", Message("Deux"));
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);
        var sent = (await mailbox.GetFoldersAsync(CancellationToken.None)).Single(f => f.Special == SpecialFolder.Sent);

        var calls = Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None)
            : mailbox.GetMessagesAsync(sent.FullName, 1, 25, CancellationToken.None));
        var pages = await Task.WhenAll(calls).WaitAsync(HangGuard);

        Assert.All(pages.Where((_, i) => i % 2 == 0), p => Assert.Equal("Un", p!.Messages.Single().Subject));
        Assert.All(pages.Where((_, i) => i % 2 == 1), p => Assert.Equal("Deux", p!.Messages.Single().Subject));
    }

    [Fact]
    public async Task Mailbox_AfterDispose_RefusesWork()
    {
        var account = await Server.CreateAccountAsync("imap-dispose");
        var mailbox = await SignInAsync(account);

        await mailbox.CloseAsync();
        await mailbox.CloseAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => mailbox.GetFoldersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetMessages_DovecotRestartedBetweenTwoCalls_SecondCallSucceeds()
    {
        var account = await Server.CreateAccountAsync("imap-restart");
        await Server.AppendAsync(account, "INBOX", Message("Avant le redémarrage"));
        var mailbox = await SignInAsync(account);
        await using var closing = new MailboxClosing(mailbox);
        Assert.NotNull(await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None));

        await Server.RestartDovecotAsync();
        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None).WaitAsync(HangGuard);

        Assert.Equal(["Avant le redémarrage"], page!.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task GetMessages_ConnectionCutBetweenTwoCalls_ReconnectsOnceAndSucceeds()
    {
        // Dovecot 2.3's imap processes outlive a restart of its master, so the restart above may leave the session
        // alive; a proxy that cuts every connection makes sure the reconnect path itself runs.
        var account = await Server.CreateAccountAsync("imap-cut");
        await Server.AppendAsync(account, "INBOX", Message("Avant la coupure"));
        await using var proxy = DroppingProxy.Start(Server.ImapHost, Server.ImapPort);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var service = new ImapMailService(Options.Create(OptionsFor("127.0.0.1", proxy.Port)), loggerFactory);
        var mailbox = (await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None).WaitAsync(HangGuard)).Mailbox!;
        await using var closing = new MailboxClosing(mailbox);
        Assert.NotNull(await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None));

        proxy.CutAll();
        var page = await mailbox.GetMessagesAsync("INBOX", 1, 25, CancellationToken.None).WaitAsync(HangGuard);
        var folders = await mailbox.GetFoldersAsync(CancellationToken.None).WaitAsync(HangGuard);

        Assert.Equal(["Avant la coupure"], page!.Messages.Select(m => m.Subject));
        Assert.Equal(SpecialFolder.Inbox, folders[0].Special);
        Assert.Single(logs.Messages, m => m.Contains("reconnecting", StringComparison.Ordinal));
        Assert.Equal(2, proxy.Accepted);
    }

    [Fact]
    public async Task Mailbox_ServerGoneForGood_ThrowsMailUnavailable()
    {
        var account = await Server.CreateAccountAsync("imap-gone");
        var proxy = DroppingProxy.Start(Server.ImapHost, Server.ImapPort);
        var service = Service(OptionsFor("127.0.0.1", proxy.Port, TimeSpan.FromSeconds(2)));
        var mailbox = (await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None).WaitAsync(HangGuard)).Mailbox!;
        await using var closing = new MailboxClosing(mailbox);

        // Stops listening and cuts the session: the retry's reconnection is refused.
        await proxy.DisposeAsync();

        await Assert.ThrowsAsync<MailUnavailableException>(() => mailbox.GetFoldersAsync(CancellationToken.None).WaitAsync(HangGuard));
    }

    [Fact]
    public async Task Mailbox_PasswordChangedElsewhereThenConnectionLost_ThrowsCredentialsRejected()
    {
        var account = await Server.CreateAccountAsync("imap-rejected");
        await using var proxy = DroppingProxy.Start(Server.ImapHost, Server.ImapPort);
        var service = Service(OptionsFor("127.0.0.1", proxy.Port));
        var mailbox = (await service.SignInAsync(account.Identifier, account.Password, CancellationToken.None).WaitAsync(HangGuard)).Mailbox!;
        await using var closing = new MailboxClosing(mailbox);
        await Server.SetPasswordAsync(account, "NouveauMotDePasse2026");

        proxy.CutAll();

        await Assert.ThrowsAsync<MailCredentialsRejectedException>(() => mailbox.GetFoldersAsync(CancellationToken.None).WaitAsync(HangGuard));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}

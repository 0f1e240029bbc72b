using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Accounts;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;
using WebmailLite.Tests.Settings;

namespace WebmailLite.Tests.Accounts;

/// <summary>Sign-in within its limits: the page and every « current password » check go through here.</summary>
public sealed class SignInServiceTests : IDisposable
{
    private static readonly IPAddress School = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Home = IPAddress.Parse("2a01:cb00::1");

    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeDirectory _directory = new();
    private readonly FakeMailService _mail;
    private readonly SignInService _signIn;

    public SignInServiceTests()
    {
        _mail = new FakeMailService(_directory);
        var options = Options.Create(new SignInThrottleOptions
        {
            MaxFailuresPerIdentifier = 3,
            MaxFailuresPerAddress = 5,
            Window = TimeSpan.FromMinutes(15),
        });
        _signIn = new SignInService(_mail, new AttemptLimiter(new LiteDbAttemptStore(_database, _clock)),
            new DeviceTokens(new EphemeralDataProtectionProvider(), options, _clock), options);
        _directory.Add("cmartin", "cmartin@ac-test.fr", "le bon");
    }

    public void Dispose() => _database.Dispose();

    private Task<SignInResult> SignInAsync(string identifier, string password, IPAddress? client) =>
        _signIn.SignInAsync(identifier, password, client, CancellationToken.None);

    [Theory]
    [InlineData("cmartin")]
    [InlineData("personne-inconnue")]
    public async Task WrongPasswords_ThenAWait_WithoutAskingTheServer_KnownOrNot(string identifier)
    {
        var statuses = new List<SignInResultStatus>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SignInAsync(identifier, "pas le bon", IPAddress.Parse("192.0.2." + i))).Status);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var blocked = await SignInAsync(identifier.ToUpperInvariant(), "le bon", Home);

        Assert.Equal([SignInResultStatus.BadCredentials, SignInResultStatus.BadCredentials, SignInResultStatus.BadCredentials], statuses);
        Assert.Equal(SignInResultStatus.TooManyAttempts, blocked.Status);
        Assert.Equal(TimeSpan.FromMinutes(12), blocked.Wait);
        Assert.Equal(3, _mail.SignIns);
    }

    [Fact]
    public async Task ARightPassword_OpensTheMailbox_AndClearsTheIdentifiersFailures_NotTheAddresss()
    {
        await SignInAsync("cmartin", "pas le bon", School);
        await SignInAsync("cmartin", "pas le bon", School);
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync("eleve" + i, "x", School);
        }

        var signedIn = await SignInAsync("CMartin", "le bon", Home);

        Assert.Equal(SignInResultStatus.SignedIn, signedIn.Status);
        Assert.NotNull(signedIn.Mailbox);
        Assert.Equal(TimeSpan.Zero, _signIn.WaitBefore("cmartin", Home));
        Assert.Equal(TimeSpan.FromMinutes(15), _signIn.WaitBefore("cmartin", School));
    }

    [Fact]
    public async Task AnUnavailableServer_CountsNoFailure()
    {
        _mail.Unreachable = true;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignInResultStatus.Unavailable, (await SignInAsync("cmartin", "le bon", School)).Status);
        }

        Assert.Equal(TimeSpan.Zero, _signIn.WaitBefore("cmartin", School));
    }

    [Fact]
    public async Task AClosedAccount_ToldOnlyWithItsRightPassword_AndStillCountedAsAFailure()
    {
        var accounts = new WebmailLite.Tests.Recovery.FakeAccountDirectory();
        accounts.Closed["lparti"] = "le bon";
        var options = Options.Create(new SignInThrottleOptions { MaxFailuresPerIdentifier = 3, MaxFailuresPerAddress = 5, Window = TimeSpan.FromMinutes(15) });
        var signIn = new SignInService(_mail, new AttemptLimiter(new LiteDbAttemptStore(_database, _clock)),
            new DeviceTokens(new EphemeralDataProtectionProvider(), options, _clock), options, accounts: accounts);

        var wrong = await signIn.SignInAsync("lparti", "pas le bon", School, CancellationToken.None);
        var right = await signIn.SignInAsync("LPARTI", "le bon", School, CancellationToken.None);
        var unknown = await signIn.SignInAsync("personne", "le bon", School, CancellationToken.None);
        var blocked = await signIn.SignInAsync("lparti", "le bon", School, CancellationToken.None);

        Assert.Equal(SignInResultStatus.BadCredentials, wrong.Status);
        Assert.Equal(SignInResultStatus.AccountClosed, right.Status);
        Assert.Equal(SignInResultStatus.BadCredentials, unknown.Status);
        // The third failure for « lparti »: the closed account's answer is no way around the limit.
        Assert.Equal(SignInResultStatus.AccountClosed, blocked.Status);
        Assert.Equal(SignInResultStatus.TooManyAttempts, (await signIn.SignInAsync("lparti", "le bon", School, CancellationToken.None)).Status);
    }
}

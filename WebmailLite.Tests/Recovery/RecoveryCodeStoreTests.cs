using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>What every <see cref="IRecoveryCodeStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class RecoveryCodeStoreContractTests : IDisposable
{
    private readonly TestClock _clock = new(RecoveryRig.Start);
    private IRecoveryCodeStore? _store;

    protected abstract IRecoveryStoreDatabase Database { get; }

    /// <summary>A store on <see cref="Database"/>: each call is one more app instance.</summary>
    protected abstract IRecoveryCodeStore CreateStore(RecoverySecret secret, TimeProvider clock, IOptions<RecoveryOptions> options);

    private IRecoveryCodeStore Codes => _store ??= NewInstance();

    private IRecoveryCodeStore NewInstance() => CreateStore(Database.NewSecret(), _clock, Options.Create(new RecoveryOptions()));

    public void Dispose()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
    }

    private string IssueMailCode(string identifier = "cmartin", CodePurpose purpose = CodePurpose.PasswordReset) =>
        Codes.Issue(identifier, purpose, RecoveryMethod.ContactMail, new RecoveryOptions().MailCodeLifetime);

    [Fact]
    public void Issue_GivesEightDigits_SpreadOverEveryDigit()
    {
        var codes = Enumerable.Range(0, 1000).Select(i => IssueMailCode("user" + i)).ToList();

        Assert.All(codes, code => Assert.Matches("^[0-9]{8}$", code));
        Assert.True(codes.Distinct().Count() > 990, "1,000 codes from a CSPRNG are (almost) all different");
        // 8,000 digits: each of the ten should appear about 800 times; a biased or constant source would not.
        var perDigit = string.Concat(codes).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perDigit.Count);
        Assert.All(perDigit.Values, count => Assert.InRange(count, 600, 1000));
        // Every position varies too (not, say, a fixed prefix).
        for (var position = 0; position < RecoveryCode.Digits; position++)
        {
            Assert.True(codes.Select(c => c[position]).Distinct().Count() == 10, $"position {position} takes every digit");
        }
    }

    [Fact]
    public void Check_RightCode_IsValidOnce()
    {
        var code = IssueMailCode();

        var first = Codes.Check("cmartin", CodePurpose.PasswordReset, code);
        var second = Codes.Check("cmartin", CodePurpose.PasswordReset, code);

        Assert.Equal(CodeCheckStatus.Valid, first.Status);
        Assert.Equal(RecoveryMethod.ContactMail, first.Method);
        Assert.Equal(CodeCheckStatus.Invalid, second.Status);
        Assert.False(Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
    }

    [Fact]
    public void Check_IgnoresCaseOfTheIdentifier()
    {
        var code = IssueMailCode("CMartin");

        Assert.True(Codes.Check(" cmartin ", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void MailCode_LivesFifteenMinutesByDefault()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), new RecoveryOptions().MailCodeLifetime);
        var code = IssueMailCode();

        _clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.True(Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(CodeCheckStatus.Expired, Codes.Check("cmartin", CodePurpose.PasswordReset, code).Status);
    }

    [Fact]
    public void MailCode_BeforeItsEnd_IsValid()
    {
        var code = IssueMailCode();

        _clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));

        Assert.True(Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void FiveWrongTries_KillTheCode_TheRightOneThenFails()
    {
        var code = IssueMailCode();
        var wrong = code == "00000000" ? "11111111" : "00000000";

        var statuses = Enumerable.Range(0, 5).Select(_ => Codes.Check("cmartin", CodePurpose.PasswordReset, wrong).Status).ToList();

        Assert.Equal([CodeCheckStatus.Invalid, CodeCheckStatus.Invalid, CodeCheckStatus.Invalid, CodeCheckStatus.Invalid, CodeCheckStatus.Killed], statuses);
        Assert.False(Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void FourWrongTries_ThenTheRightOne_IsValid()
    {
        var code = IssueMailCode();
        var wrong = code == "00000000" ? "11111111" : "00000000";

        for (var i = 0; i < 4; i++)
        {
            Codes.Check("cmartin", CodePurpose.PasswordReset, wrong);
        }

        Assert.True(Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void MalformedTries_CountAsWrongTries()
    {
        var code = IssueMailCode();

        for (var i = 0; i < 5; i++)
        {
            Codes.Check("cmartin", CodePurpose.PasswordReset, "abc");
        }

        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void NewCode_KillsTheOldOne()
    {
        var old = IssueMailCode();
        var fresh = IssueMailCode();
        Assert.NotEqual(old, fresh);

        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, old).IsValid);
        Assert.True(Codes.Check("cmartin", CodePurpose.PasswordReset, fresh).IsValid);
    }

    [Fact]
    public void NewCode_DoesNotResetTheTriesOfAnother_Identifier()
    {
        var mine = IssueMailCode("cmartin");
        IssueMailCode("jdupont");

        Assert.True(Codes.Check("cmartin", CodePurpose.PasswordReset, mine).IsValid);
    }

    [Fact]
    public void Purposes_AreSeparate()
    {
        var confirm = IssueMailCode(purpose: CodePurpose.ConfirmBackupAddress);

        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, confirm).IsValid);
        // The try against the other purpose neither consumed nor harmed it.
        Assert.True(Codes.Check("cmartin", CodePurpose.ConfirmBackupAddress, confirm).IsValid);
    }

    [Fact]
    public void Purposes_AreSeparate_ANewResetCodeLeavesTheConfirmationCode()
    {
        var confirm = IssueMailCode(purpose: CodePurpose.ConfirmBackupAddress);
        var reset = IssueMailCode();

        Assert.True(Codes.Check("cmartin", CodePurpose.ConfirmBackupAddress, confirm).IsValid);
        Assert.True(Codes.Check("cmartin", CodePurpose.PasswordReset, reset).IsValid);
    }

    [Fact]
    public void ConfirmationCode_CarriesItsTarget()
    {
        var code = Codes.Issue("cmartin", CodePurpose.ConfirmBackupAddress, RecoveryMethod.SignedIn, TimeSpan.FromMinutes(15), "camille@laposte.net");

        Assert.Equal("camille@laposte.net", Codes.Check("cmartin", CodePurpose.ConfirmBackupAddress, code).Target);
    }

    [Fact]
    public void Check_AnotherIdentifiersCode_IsInvalid()
    {
        var code = IssueMailCode("cmartin");
        IssueMailCode("jdupont");

        Assert.False(Codes.Check("jdupont", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void Check_UnknownIdentifier_IsInvalidLikeAWrongCode() =>
        Assert.Equal(CodeCheckStatus.Invalid, Codes.Check("personne", CodePurpose.PasswordReset, "12345678").Status);

    [Theory]
    [InlineData("{0} {1}")]
    [InlineData("{0}-{1}")]
    [InlineData(" {0}{1} ")]
    [InlineData("{0} - {1}")]
    [InlineData("{0}\u00a0{1}")]
    public void Check_SpacesAndDashes_AreIgnored(string shape)
    {
        var code = IssueMailCode();
        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, code[..4], code[4..]);

        Assert.True(Codes.Check("cmartin", CodePurpose.PasswordReset, typed).IsValid);
    }

    [Fact]
    public void Check_CodeWithALetter_IsRefused()
    {
        var code = IssueMailCode();

        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, code + "a").IsValid);
    }

    [Fact]
    public void KillAll_RemovesTheLiveCode()
    {
        var code = IssueMailCode();

        Codes.KillAll("CMARTIN", CodePurpose.PasswordReset);

        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void PruneExpired_RemovesOnlyExpiredCodes()
    {
        IssueMailCode("cmartin");
        _clock.Advance(TimeSpan.FromMinutes(10));
        IssueMailCode("jdupont");
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(1, Codes.PruneExpired());
        Assert.True(Codes.HasLiveCode("jdupont", CodePurpose.PasswordReset));
    }

    [Fact]
    public void LiveTarget_IsTheAddressOfTheLiveConfirmationCode()
    {
        Assert.Null(Codes.LiveTarget("cmartin", CodePurpose.ConfirmBackupAddress));
        Codes.Issue("cmartin", CodePurpose.ConfirmBackupAddress, RecoveryMethod.SignedIn, TimeSpan.FromMinutes(15), "camille@laposte.net");

        Assert.Equal("camille@laposte.net", Codes.LiveTarget("CMartin", CodePurpose.ConfirmBackupAddress));
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(Codes.LiveTarget("cmartin", CodePurpose.ConfirmBackupAddress));
    }

    [Fact]
    public void KillIssuedBy_RemovesOneMethodsCode_AndLeavesTheOther()
    {
        var mail = IssueMailCode();
        var desk = Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance, TimeSpan.FromHours(24));

        Assert.Equal(1, Codes.KillIssuedBy("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance));

        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, desk).IsValid);
        Assert.Equal(RecoveryMethod.ContactMail, Codes.Check("cmartin", CodePurpose.PasswordReset, mail).Method);
    }

    [Fact]
    public void CodesOfTwoMethods_BothLive_AWrongTryCountsAgainstBoth()
    {
        var mail = IssueMailCode();
        var desk = Codes.Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.Assistance, TimeSpan.FromHours(24));
        var wrong = Enumerable.Range(0, 3).Select(i => new string((char)('0' + i), 8)).First(w => w != mail && w != desk);

        var statuses = Enumerable.Range(0, 5).Select(_ => Codes.Check("cmartin", CodePurpose.PasswordReset, wrong).Status).ToList();

        Assert.Equal(CodeCheckStatus.Killed, statuses[^1]);
        Assert.False(Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
    }

    [Fact]
    public void TwoInstances_ACodeIssuedByOne_IsCheckedByTheOther()
    {
        var code = NewInstance().Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        Assert.True(NewInstance().Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void TwoInstances_TheRightCodeCheckedAtOnce_IsValidForOneOnly()
    {
        var instances = new[] { NewInstance(), NewInstance() };
        for (var round = 0; round < 10; round++)
        {
            var who = "person" + round;
            var code = instances[0].Issue(who, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
            using var start = new Barrier(2);
            var results = new CodeCheck[2];

            Parallel.For(0, 2, i =>
            {
                start.SignalAndWait();
                results[i] = instances[i].Check(who, CodePurpose.PasswordReset, code);
            });

            Assert.Single(results, r => r.IsValid);
        }
    }

    [Fact]
    public void TwoInstances_WrongTriesAtOnce_AreEachCounted()
    {
        var instances = new[] { NewInstance(), NewInstance() };
        var code = IssueMailCode();
        var wrong = code == "00000000" ? "11111111" : "00000000";
        using var start = new Barrier(5);
        var statuses = new ConcurrentBag<CodeCheckStatus>();

        // Five wrong tries at once, spread over two instances: none is lost, the fifth kills the code.
        Parallel.For(0, 5, new ParallelOptions { MaxDegreeOfParallelism = 5 }, i =>
        {
            start.SignalAndWait();
            statuses.Add(instances[i % 2].Check("cmartin", CodePurpose.PasswordReset, wrong).Status);
        });

        Assert.Equal(4, statuses.Count(s => s == CodeCheckStatus.Invalid));
        Assert.Equal(1, statuses.Count(s => s == CodeCheckStatus.Killed));
        Assert.False(Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }

    [Fact]
    public void TwoInstances_IssuingAtOnce_LeaveOneLiveCodePerMethod()
    {
        var instances = new[] { NewInstance(), NewInstance() };
        using var start = new Barrier(2);
        var issued = new string[2];

        Parallel.For(0, 2, i =>
        {
            start.SignalAndWait();
            issued[i] = instances[i].Issue("cmartin", CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        });

        Assert.Single(issued, code => Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }
}

public sealed class LiteDbRecoveryCodeStoreTests : RecoveryCodeStoreContractTests
{
    private readonly LiteDbRecoveryStoreDatabase _database = new();
    private IRecoveryCodeStore? _store;

    protected override IRecoveryStoreDatabase Database => _database;

    // LiteDB's file has one owner (direct mode): « another instance » is the same singleton, as the app registers it.
    protected override IRecoveryCodeStore CreateStore(RecoverySecret secret, TimeProvider clock, IOptions<RecoveryOptions> options) =>
        _store ??= new LiteDbRecoveryCodeStore(_database.Database, secret, clock, options);
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresRecoveryCodeStoreTests : RecoveryCodeStoreContractTests
{
    private readonly PostgresRecoveryStoreDatabase _database = new();

    protected override IRecoveryStoreDatabase Database => _database;

    protected override IRecoveryCodeStore CreateStore(RecoverySecret secret, TimeProvider clock, IOptions<RecoveryOptions> options) =>
        new PostgresRecoveryCodeStore(_database.Schema.Database, secret, clock, options);

    [Fact]
    public void Issue_StoresOnlyAnHmac_NoColumnHoldsTheCode()
    {
        var store = CreateStore(Database.NewSecret(), new TestClock(RecoveryRig.Start), Options.Create(new RecoveryOptions()));
        var issued = Enumerable.Range(0, 20)
            .Select(i => store.Issue("cmartin" + i, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15)))
            .ToList();

        var rows = string.Join("\n", _database.Rows("SELECT * FROM recovery_codes"));

        Assert.Equal(20, rows.Split('\n').Length);
        Assert.All(issued, code =>
        {
            Assert.DoesNotContain(code, rows, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(code)), rows, StringComparison.OrdinalIgnoreCase);
        });
        Assert.True(store.Check("cmartin0", CodePurpose.PasswordReset, issued[0]).IsValid);
    }
}

/// <summary>
/// Codes through the recovery service and the desk, and the LiteDB file itself (LiteDB, built by hand in
/// <see cref="RecoveryRig"/>).
/// </summary>
public sealed class RecoveryCodeIssuingTests : IAsyncLifetime
{
    private readonly RecoveryRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public void Issue_StoresOnlyAnHmac_TheDatabaseFileNeverHoldsTheCode()
    {
        var folder = Directory.CreateTempSubdirectory("webmaillite-codes-");
        try
        {
            var path = Path.Combine(folder.FullName, "codes.db");
            var issued = new List<string>();
            var database = new AppDatabase($"Filename={path}");
            var rig = new RecoveryRig(database: database);
            try
            {
                for (var i = 0; i < 20; i++)
                {
                    issued.Add(rig.Codes.Issue("cmartin" + i, CodePurpose.PasswordReset, RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15)));
                }
                // Still usable: the HMAC was stored, not something unrelated.
                Assert.True(rig.Codes.Check("cmartin0", CodePurpose.PasswordReset, issued[0]).IsValid);
            }
            finally
            {
                database.Dispose();
            }

            var bytes = folder.GetFiles().SelectMany(f => File.ReadAllBytes(f.FullName)).ToArray();
            Assert.True(bytes.Length > 0);
            foreach (var code in issued)
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(code)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(code)));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }


    [Fact]
    public async Task MailCode_LifetimeIsConfigurable()
    {
        await using var rig = new RecoveryRig(o => o.MailCodeLifetime = TimeSpan.FromMinutes(5));
        rig.Directory.Add("cmartin", "camille@laposte.net");
        await rig.Service.SendContactCodeAsync("cmartin", null, CancellationToken.None);
        Assert.True(rig.Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));

        rig.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(rig.Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
    }


    [Fact]
    public async Task AgentCode_LivesTwentyFourHours()
    {
        _rig.Directory.Add("cmartin", null);
        var ticket = _rig.Tickets.Open("cmartin", "06 12 34 56 78", null);
        var code = await _rig.Desk.IssueCodeAsync(ticket, "agent1", "NUMEN vérifié par téléphone", CancellationToken.None);
        Assert.NotNull(code);

        _rig.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.True(_rig.Codes.HasLiveCode("cmartin", CodePurpose.PasswordReset));
        _rig.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(CodeCheckStatus.Expired, _rig.Codes.Check("cmartin", CodePurpose.PasswordReset, code).Status);
    }


    [Fact]
    public async Task AgentCode_ForAnUnknownIdentifier_IsNotIssued()
    {
        var ticket = _rig.Tickets.Open("personne", "06 12 34 56 78", null);

        Assert.Null(await _rig.Desk.IssueCodeAsync(ticket, "agent1", "rappelé", CancellationToken.None));
        Assert.False(_rig.Codes.HasLiveCode("personne", CodePurpose.PasswordReset));
    }

    [Theory]
    [InlineData("1234 5678", "12345678")]
    [InlineData("1234-5678", "12345678")]
    [InlineData("12 34 56 78", "12345678")]
    [InlineData("1234567", null)]
    [InlineData("123456789", null)]
    [InlineData("1234567O", null)]
    [InlineData("abcdefgh", null)]
    [InlineData("1234a5678", null)]
    [InlineData("12345678x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("١٢٣٤٥٦٧٨", null)]
    public void Normalize_KeepsDigits_RefusesLetters(string? typed, string? expected) =>
        Assert.Equal(expected, RecoveryCode.Normalize(typed));
}

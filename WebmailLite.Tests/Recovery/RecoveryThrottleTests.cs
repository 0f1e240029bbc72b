using System.Net;
using WebmailLite.Recovery;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Recovery;

public sealed class RecoveryThrottleTests : IAsyncLifetime
{
    private static readonly IPAddress School = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Home = IPAddress.Parse("2a01:cb00::1");

    private readonly RecoveryRig _rig = new(o =>
    {
        o.MaxRequestsPerIdentifier = 5;
        o.MaxRequestsPerAddress = 8;
        o.MaxFailuresPerAddress = 4;
        o.MaxAnswerFailuresPerIdentifier = 3;
        o.Window = TimeSpan.FromHours(1);
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    private static IPAddress Address(int i) => IPAddress.Parse("192.0.2." + i);

    [Theory]
    [InlineData("cmartin")]
    [InlineData("personne-inconnue")]
    public void PerIdentifier_FifthRequestThenAWait_KnownOrNot(string identifier)
    {
        // Five requests from five addresses, a minute apart: the per-address limit is not what stops the sixth.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, identifier, Address(i)));
            _rig.Throttle.Record(RecoveryStep.CodeRequest, identifier, Address(i));
            _rig.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // The oldest left at 08:00, it leaves the window at 09:00; it is 08:05.
        Assert.Equal(TimeSpan.FromMinutes(55), _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, identifier, Address(9)));
        Assert.Equal(TimeSpan.FromMinutes(55), _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, identifier.ToUpperInvariant(), Address(9)));
        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "quelquun-dautre", Address(9)));
    }

    [Fact]
    public void PerIdentifier_WindowSlides_OneSlotFreesAtATime()
    {
        for (var i = 0; i < 5; i++)
        {
            _rig.Throttle.Record(RecoveryStep.CodeRequest, "cmartin", Address(i));
            _rig.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        // 08:50: the oldest (08:00) leaves at 09:00.
        Assert.Equal(TimeSpan.FromMinutes(10), _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "cmartin", Home));

        _rig.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "cmartin", Home));
        _rig.Throttle.Record(RecoveryStep.CodeRequest, "cmartin", Home);

        // 09:00, five again (08:10 … 09:00): the next slot frees at 09:10, not an hour from now.
        Assert.Equal(TimeSpan.FromMinutes(10), _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "cmartin", Home));
    }

    [Fact]
    public async Task UnknownAndKnownIdentifiers_AreCountedTheSame_ThroughTheService()
    {
        _rig.Directory.Add("cmartin", "camille@laposte.net");
        for (var i = 0; i < 5; i++)
        {
            await _rig.Service.SendContactCodeAsync("cmartin", Address(i), CancellationToken.None);
            await _rig.Service.SendContactCodeAsync("personne", Address(i), CancellationToken.None);
        }

        var known = _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "cmartin", Home);
        var unknown = _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "personne", Home);

        Assert.Equal(TimeSpan.FromHours(1), known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public void PerAddress_LimitsEveryIdentifierFromThatAddress_Only()
    {
        for (var i = 0; i < 8; i++)
        {
            _rig.Throttle.Record(RecoveryStep.CodeRequest, "eleve" + i, School);
        }
        _rig.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(TimeSpan.FromMinutes(40), _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "nouveau", School));
        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "nouveau", Home));
        _rig.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.CodeRequest, "nouveau", School));
    }

    [Fact]
    public void WrongCodes_AreLimitedPerAddress_NotPerIdentifier()
    {
        for (var i = 0; i < 4; i++)
        {
            _rig.Throttle.Record(RecoveryStep.WrongCode, null, School);
        }

        Assert.Equal(TimeSpan.FromHours(1), _rig.Throttle.WaitBefore(RecoveryStep.WrongCode, null, School));
        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.WrongCode, null, Home));
    }

    [Fact]
    public void WrongAnswers_AreLimitedPerIdentifier()
    {
        for (var i = 0; i < 3; i++)
        {
            _rig.Throttle.Record(RecoveryStep.WrongAnswers, "cmartin", Address(i));
        }

        Assert.Equal(TimeSpan.FromHours(1), _rig.Throttle.WaitBefore(RecoveryStep.WrongAnswers, "cmartin", Home));
        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.WrongAnswers, "jdupont", Home));
    }

    [Fact]
    public void Steps_AreCountedSeparately()
    {
        for (var i = 0; i < 5; i++)
        {
            _rig.Throttle.Record(RecoveryStep.CodeRequest, "cmartin", Address(i));
        }

        Assert.Equal(TimeSpan.Zero, _rig.Throttle.WaitBefore(RecoveryStep.AssistanceRequest, "cmartin", Home));
    }

    [Fact]
    public void Counters_NeverStoreTheIdentifier()
    {
        _rig.Throttle.Record(RecoveryStep.CodeRequest, "camille.martin", Home);

        var keys = _rig.Database.Collection<LiteDbAttemptStore.Attempt>("attempts").FindAll().Select(a => a.Key).ToList();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, key => Assert.DoesNotContain("martin", key, StringComparison.OrdinalIgnoreCase));
    }
}

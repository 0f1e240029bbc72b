using System.Net;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Storage;

/// <summary>The one sliding-window algorithm behind sign-in and recovery limits, with a policy of its own.</summary>
public sealed class AttemptLimiterTests : IDisposable
{
    private static readonly IPAddress School = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Home = IPAddress.Parse("2a01:cb00::1");
    private static readonly AttemptPolicy Policy = new(TimeSpan.FromMinutes(30), new AttemptLimit("test:id:", 3), new AttemptLimit("test:ip:", 5));

    private readonly AppDatabase _database = AppDatabase.InMemory();
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly AttemptLimiter _limiter;

    public AttemptLimiterTests() => _limiter = new AttemptLimiter(new LiteDbAttemptStore(_database, _clock));

    public void Dispose() => _database.Dispose();

    private List<string> StoredKeys() => [.. _database.Collection<LiteDbAttemptStore.Attempt>("attempts").FindAll().Select(a => a.Key)];

    [Fact]
    public void PerName_TheLimitThenTheTimeUntilTheOldestLeaves_WhateverTheCaseAndSpaces()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, _limiter.WaitBefore(Policy, "cmartin", IPAddress.Parse("192.0.2." + i)));
            _limiter.Record(Policy, i == 1 ? " CMartin " : "cmartin", IPAddress.Parse("192.0.2." + i));
            _clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(TimeSpan.FromMinutes(15), _limiter.WaitBefore(Policy, "CMARTIN", Home));
        Assert.Equal(TimeSpan.Zero, _limiter.WaitBefore(Policy, "jdupont", Home));
    }

    [Fact]
    public void PerClient_LimitsEveryNameFromThatAddress_AndTheLongerWaitWins()
    {
        for (var i = 0; i < 5; i++)
        {
            _limiter.Record(Policy, "eleve" + i, School);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        for (var i = 0; i < 3; i++)
        {
            _limiter.Record(Policy, "cmartin", Home);
        }
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(20), _limiter.WaitBefore(Policy, "nouveau", School));
        Assert.Equal(TimeSpan.Zero, _limiter.WaitBefore(Policy, "nouveau", Home));
        // The name's window (25 min left) is longer than the address's (20 min).
        Assert.Equal(TimeSpan.FromMinutes(25), _limiter.WaitBefore(Policy, "cmartin", School));
    }

    [Fact]
    public void ANullName_OrAnAbsentLimit_IsNotCounted()
    {
        var perClientOnly = Policy with { PerName = null };
        var perNameOnly = Policy with { PerClient = null };

        _limiter.Record(Policy, null, School);
        _limiter.Record(perClientOnly, "cmartin", Home);
        _limiter.Record(perNameOnly, "jdupont", null);

        Assert.Equal(["test:ip:10.1.2.3", "test:ip:2a01:cb00::1", "test:id:" + HashedKey.Of("jdupont")], StoredKeys());
    }

    [Fact]
    public void Forget_ClearsTheNamesAttempts_NotTheAddresss()
    {
        for (var i = 0; i < 5; i++)
        {
            _limiter.Record(Policy, "cmartin", School);
        }

        _limiter.Forget(Policy, " CMartin");

        Assert.Equal(TimeSpan.FromMinutes(30), _limiter.WaitBefore(Policy, "cmartin", School));
        Assert.Equal(TimeSpan.Zero, _limiter.WaitBefore(Policy, "cmartin", Home));
    }

    [Fact]
    public void Uses_WithOtherPrefixes_NeverShareACounter()
    {
        var other = new AttemptPolicy(Policy.Window, new AttemptLimit("autre:id:", 3), new AttemptLimit("autre:ip:", 5));
        for (var i = 0; i < 5; i++)
        {
            _limiter.Record(Policy, "cmartin", School);
        }

        Assert.Equal(TimeSpan.Zero, _limiter.WaitBefore(other, "cmartin", School));
    }

    [Fact]
    public void AnUnknownClientAddress_IsCountedAsOne()
    {
        for (var i = 0; i < 5; i++)
        {
            _limiter.Record(Policy, "eleve" + i, null);
        }

        Assert.Equal(TimeSpan.FromMinutes(30), _limiter.WaitBefore(Policy, "nouveau", null));
        Assert.Contains("test:ip:unknown", StoredKeys());
    }
}

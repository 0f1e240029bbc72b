using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed class ResetGrantStoreTests : IAsyncLifetime
{
    private readonly RecoveryRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public void Create_GivesARandomToken_FoundForItsIdentifierOnly()
    {
        var token = _rig.Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        Assert.True(Convert.FromBase64String(token).Length >= 32);
        Assert.Equal(RecoveryMethod.ContactMail, _rig.Grants.Find(token, "CMartin")!.Method);
        Assert.Null(_rig.Grants.Find(token, "jdupont"));
        Assert.Null(_rig.Grants.Find(token + "x", "cmartin"));
        Assert.Null(_rig.Grants.Find(null, "cmartin"));
        Assert.Null(_rig.Grants.Find("", "cmartin"));
    }

    [Fact]
    public void Grant_StoresOnlyAnHmacOfTheToken()
    {
        var token = _rig.Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        var stored = _rig.Database.Collection<ResetGrantStore.ResetGrant>("recovery_grants").FindAll().Single();

        Assert.NotEqual(token, stored.Id);
        Assert.DoesNotContain(token, stored.Id, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(token)), stored.Id, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Grant_Expires()
    {
        var token = _rig.Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        _rig.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Null(_rig.Grants.Find(token, "cmartin"));
    }

    [Fact]
    public void Consume_SucceedsOnce()
    {
        var token = _rig.Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var firstTab = _rig.Grants.Find(token, "cmartin")!;
        var secondTab = _rig.Grants.Find(token, "cmartin")!;

        Assert.True(_rig.Grants.Consume(firstTab));
        Assert.False(_rig.Grants.Consume(secondTab));
        Assert.Null(_rig.Grants.Find(token, "cmartin"));
    }

    [Fact]
    public void NewGrant_ReplacesTheOldOne()
    {
        var old = _rig.Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var fresh = _rig.Grants.Create("cmartin", RecoveryMethod.BackupAddress, TimeSpan.FromMinutes(15));

        Assert.Null(_rig.Grants.Find(old, "cmartin"));
        Assert.Equal(RecoveryMethod.BackupAddress, _rig.Grants.Find(fresh, "cmartin")!.Method);
    }

    [Fact]
    public void RemoveAll_RemovesOnlyThatIdentifiersGrants()
    {
        var mine = _rig.Grants.Create("cmartin", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));
        var theirs = _rig.Grants.Create("jdupont", RecoveryMethod.ContactMail, TimeSpan.FromMinutes(15));

        _rig.Grants.RemoveAll("CMARTIN");

        Assert.Null(_rig.Grants.Find(mine, "cmartin"));
        Assert.NotNull(_rig.Grants.Find(theirs, "jdupont"));
    }
}

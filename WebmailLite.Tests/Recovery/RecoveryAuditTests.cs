using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed class RecoveryAuditTests : IAsyncLifetime
{
    private readonly RecoveryRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public void For_ListsAnIdentifiersEntries_NewestFirst_WithWhoWhenHowWhat()
    {
        _rig.Audit.Record("CMartin", AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        _rig.Clock.Advance(TimeSpan.FromMinutes(1));
        _rig.Audit.Record("jdupont", AuditEvent.CodeRequested, RecoveryMethod.ContactMail, AuditOutcome.Success);
        _rig.Clock.Advance(TimeSpan.FromMinutes(1));
        _rig.Audit.Record("cmartin", AuditEvent.CodeIssued, RecoveryMethod.Assistance, AuditOutcome.Success, actor: "Agent1", detail: "rappelé au 06");

        var entries = _rig.Audit.For("cmartin");

        Assert.Equal([AuditEvent.CodeIssued, AuditEvent.CodeRequested], entries.Select(e => e.Event));
        Assert.All(entries, e => Assert.Equal("cmartin", e.Owner));
        Assert.Equal("agent1", entries[0].Actor);
        Assert.Equal("rappelé au 06", entries[0].Detail);
        Assert.Equal(RecoveryMethod.Assistance, entries[0].Method);
        Assert.Equal(RecoveryRig.Start.UtcDateTime.AddMinutes(2), entries[0].At);
        Assert.Null(entries[1].Actor);
    }

    [Fact]
    public void For_IsLimited()
    {
        for (var i = 0; i < 5; i++)
        {
            _rig.Audit.Record("cmartin", AuditEvent.CodeChecked, null, AuditOutcome.Failure);
            _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, _rig.Audit.For("cmartin", limit: 3).Count);
    }
}

using WebmailLite.Recovery;

namespace WebmailLite.Tests.Recovery;

public sealed class AssistanceTicketStoreTests : IAsyncLifetime
{
    private readonly RecoveryRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public void Open_KeepsWhatWasTyped_Trimmed_WithAnOpenedEvent()
    {
        var ticket = _rig.Tickets.Open("  CMartin ", " 06 12 34 56 78 ", "   ");

        var found = _rig.Tickets.Find(ticket.Id)!;
        Assert.Equal("CMartin", found.Identifier);
        Assert.Equal("cmartin", found.Owner);
        Assert.Equal("06 12 34 56 78", found.HowToReach);
        Assert.Null(found.Message);
        Assert.True(found.Open);
        Assert.Equal(RecoveryRig.Start.UtcDateTime, found.OpenedAt);
        Assert.Equal([TicketEventKind.Opened], found.History.Select(h => h.What));
    }

    [Fact]
    public void List_OpenOldestFirst_ClosedApart_ReopenedBack()
    {
        var first = _rig.Tickets.Open("cmartin", "06", "Je n'ai plus accès à ma boîte");
        _rig.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = _rig.Tickets.Open("jdupont", "07", null);
        Assert.Equal([first.Id, second.Id], _rig.Tickets.List(open: true).Select(t => t.Id));

        _rig.Tickets.Add(first, TicketEventKind.Closed, "agent1", "réglé par téléphone");

        Assert.Equal([second.Id], _rig.Tickets.List(open: true).Select(t => t.Id));
        Assert.Equal([first.Id], _rig.Tickets.List(open: false).Select(t => t.Id));

        _rig.Tickets.Add(first, TicketEventKind.Reopened, "agent2");

        Assert.Equal([first.Id, second.Id], _rig.Tickets.List(open: true).Select(t => t.Id));
        var history = _rig.Tickets.Find(first.Id)!.History;
        Assert.Equal([TicketEventKind.Opened, TicketEventKind.Closed, TicketEventKind.Reopened], history.Select(h => h.What));
        Assert.Equal("réglé par téléphone", history[1].Note);
        Assert.Equal("agent2", history[2].Agent);
    }

    [Fact]
    public async Task Desk_IssueCode_RecordsTheCheckInTicketAndAudit_NeverTheCode()
    {
        _rig.Directory.Add("cmartin", null);
        var ticket = _rig.Tickets.Open("CMartin", "06", null);

        var code = await _rig.Desk.IssueCodeAsync(ticket, "agent1", " NUMEN vérifié ", CancellationToken.None);

        Assert.NotNull(code);
        var stored = _rig.Tickets.Find(ticket.Id)!;
        Assert.Equal([TicketEventKind.Opened, TicketEventKind.IdentityChecked, TicketEventKind.CodeIssued], stored.History.Select(h => h.What));
        Assert.Equal("NUMEN vérifié", stored.History[1].Note);
        Assert.All(stored.History, h => Assert.DoesNotContain(code, h.Note ?? "", StringComparison.Ordinal));
        var entry = Assert.Single(_rig.Audit.For("cmartin"));
        Assert.Equal(AuditEvent.CodeIssued, entry.Event);
        Assert.Equal("agent1", entry.Actor);
        Assert.DoesNotContain(code, entry.Detail ?? "", StringComparison.Ordinal);
        Assert.True(_rig.Codes.Check("cmartin", CodePurpose.PasswordReset, code).IsValid);
    }
}

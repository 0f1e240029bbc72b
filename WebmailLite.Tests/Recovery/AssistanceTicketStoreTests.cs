using System.Collections.Concurrent;
using WebmailLite.Recovery;
using WebmailLite.Storage;
using WebmailLite.Tests.Infrastructure;

namespace WebmailLite.Tests.Recovery;

/// <summary>What every <see cref="IAssistanceTicketStore"/> must do; each provider runs it through a subclass.</summary>
public abstract class AssistanceTicketStoreContractTests
{
    private readonly TestClock _clock = new(RecoveryRig.Start);
    private IAssistanceTicketStore? _store;

    /// <summary>A store on this test's database: each call is one more app instance.</summary>
    protected abstract IAssistanceTicketStore CreateStore(TimeProvider clock);

    private IAssistanceTicketStore Tickets => _store ??= CreateStore(_clock);

    [Fact]
    public void Open_KeepsWhatWasTyped_Trimmed_WithAnOpenedEvent()
    {
        var ticket = Tickets.Open("  CMartin ", " 06 12 34 56 78 ", "   ");

        var found = Tickets.Find(ticket.Id)!;
        Assert.Equal("CMartin", found.Identifier);
        Assert.Equal("cmartin", found.Owner);
        Assert.Equal("06 12 34 56 78", found.HowToReach);
        Assert.Null(found.Message);
        Assert.True(found.Open);
        Assert.Equal(RecoveryRig.Start.UtcDateTime, found.OpenedAt);
        Assert.Equal([TicketEventKind.Opened], found.History.Select(h => h.What));
        Assert.Equal(RecoveryRig.Start.UtcDateTime, found.History[0].At);
        Assert.Null(Tickets.Find(ticket.Id + 1));
    }

    [Fact]
    public void List_OpenOldestFirst_ClosedApart_ReopenedBack()
    {
        var first = Tickets.Open("cmartin", "06", "Je n'ai plus accès à ma boîte");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = Tickets.Open("jdupont", "07", null);
        Assert.Equal([first.Id, second.Id], Tickets.List(open: true).Select(t => t.Id));

        Tickets.Add(first, TicketEventKind.Closed, "agent1", "réglé par téléphone");

        Assert.False(first.Open);
        Assert.Equal([second.Id], Tickets.List(open: true).Select(t => t.Id));
        Assert.Equal([first.Id], Tickets.List(open: false).Select(t => t.Id));

        Tickets.Add(first, TicketEventKind.Reopened, "agent2");

        Assert.Equal([first.Id, second.Id], Tickets.List(open: true).Select(t => t.Id));
        var history = Tickets.Find(first.Id)!.History;
        Assert.Equal([TicketEventKind.Opened, TicketEventKind.Closed, TicketEventKind.Reopened], history.Select(h => h.What));
        Assert.Equal("réglé par téléphone", history[1].Note);
        Assert.Equal("agent2", history[2].Agent);
        Assert.Equal("Je n'ai plus accès à ma boîte", Tickets.List(open: true)[0].Message);
        Assert.Equal(3, Tickets.List(open: true)[0].History.Count);
    }

    [Fact]
    public void Add_AnEventThatNeitherClosesNorReopens_LeavesItAsItWas()
    {
        var ticket = Tickets.Open("cmartin", "06", null);
        Tickets.Add(ticket, TicketEventKind.Closed, "agent1");

        Tickets.Add(ticket, TicketEventKind.IdentityChecked, "agent1", "NUMEN");

        Assert.False(Tickets.Find(ticket.Id)!.Open);
    }

    [Fact]
    public void TwoAgents_OnTwoInstances_ActingOnOneRequest_BothKeepTheirLine()
    {
        var first = CreateStore(_clock);
        var second = CreateStore(_clock);
        var opened = first.Open("cmartin", "06", null);
        // Each agent has the request's page open: two copies, each soon stale.
        var seenByOne = first.Find(opened.Id)!;
        var seenByTwo = second.Find(opened.Id)!;

        first.Add(seenByOne, TicketEventKind.IdentityChecked, "agent1", "NUMEN vérifié");
        second.Add(seenByTwo, TicketEventKind.Closed, "agent2", "rappelée");

        var stored = first.Find(opened.Id)!;
        Assert.Equal([TicketEventKind.Opened, TicketEventKind.IdentityChecked, TicketEventKind.Closed], stored.History.Select(h => h.What));
        Assert.False(stored.Open);
        // The copy handed back is brought up to date too.
        Assert.Equal(3, seenByTwo.History.Count);
    }

    [Fact]
    public void Requests_OpenedAtOnceOnTwoInstances_GetDistinctNumbers()
    {
        var stores = new[] { CreateStore(_clock), CreateStore(_clock) };
        var ids = new ConcurrentBag<int>();

        Parallel.For(0, 40, i => ids.Add(stores[i % 2].Open("person" + i, "06", null).Id));

        Assert.Equal(40, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > 0));
        Assert.Equal(40, Tickets.List(open: true).Count);
    }
}

public sealed class LiteDbAssistanceTicketStoreTests : AssistanceTicketStoreContractTests, IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();
    private IAssistanceTicketStore? _store;

    // LiteDB's file has one owner (direct mode): « another instance » is the same singleton, as the app registers it.
    protected override IAssistanceTicketStore CreateStore(TimeProvider clock) => _store ??= new LiteDbAssistanceTicketStore(_database, clock);

    public void Dispose() => _database.Dispose();
}

[Trait("Category", "PostgreSQL")]
public sealed class PostgresAssistanceTicketStoreTests : AssistanceTicketStoreContractTests, IDisposable
{
    private readonly TestSchema _schema = PostgresServer.Instance.NewSchema();

    protected override IAssistanceTicketStore CreateStore(TimeProvider clock) => new PostgresAssistanceTicketStore(_schema.Database, clock);

    public void Dispose() => _schema.Dispose();
}

/// <summary>The desk over the tickets, codes and audit (LiteDB, built by hand in <see cref="RecoveryRig"/>).</summary>
public sealed class AssistanceDeskTests : IAsyncLifetime
{
    private readonly RecoveryRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

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

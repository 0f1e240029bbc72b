using WebmailLite.Recovery;

namespace WebmailLite.Tests.Settings;

/// <summary>The rules of « Sécurité du compte », each test on a fresh <see cref="EnrolmentHarness"/>.</summary>
public abstract class EnrolmentTests : IAsyncLifetime
{
    protected const string Password = EnrolmentHarness.Password;

    protected EnrolmentHarness H { get; private set; } = null!;

    protected static string Id => EnrolmentHarness.Identifier;

    protected IReadOnlyList<AuditEntry> Audit => H.Get<IRecoveryAudit>().For(Id);

    public Task InitializeAsync()
    {
        H = new EnrolmentHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await H.DisposeAsync();
}

using Microsoft.Extensions.DependencyInjection;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>Tests of the real app (practice mailbox) on a clock they move by hand: idle and absolute limits without waiting.</summary>
public abstract class ClockedAppTests : IDisposable
{
    protected ClockedAppTests()
    {
        Factory = new WebmailFactory(services: s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected TestClock Clock { get; } = new();

    protected WebmailFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

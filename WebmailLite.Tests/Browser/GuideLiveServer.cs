namespace WebmailLite.Tests.Browser;

/// <summary>The app (practice mailbox) on a real port for the guide's browser tests; the guide needs no mail server.</summary>
public sealed class GuideLiveServer : IDisposable
{
    public LiveServer Server { get; } = LiveServer.Practice();

    public void Dispose() => Server.Dispose();
}

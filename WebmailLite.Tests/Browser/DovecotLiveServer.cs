namespace WebmailLite.Tests.Browser;

/// <summary>A class fixture: the app on a real port in front of the test Dovecot, one per test class.</summary>
public sealed class DovecotLiveServer : IDisposable
{
    public LiveServer Server { get; } = LiveServer.Dovecot();

    public void Dispose() => Server.Dispose();
}

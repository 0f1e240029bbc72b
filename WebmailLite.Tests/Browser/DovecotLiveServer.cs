namespace WebmailLite.Tests.Browser;

/// <summary>The app on a real port in front of the test Dovecot, default settings, shared by <see cref="MailServerBrowserCollection"/>.</summary>
public sealed class DovecotLiveServer : IDisposable
{
    public LiveServer Server { get; } = LiveServer.Dovecot();

    public void Dispose() => Server.Dispose();
}

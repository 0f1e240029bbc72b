namespace WebmailLite.Tests.Browser;

/// <summary>The practice mailbox on a real port with the default settings, shared by the practice lanes (<see cref="PracticeBrowserCollection"/>, <see cref="GuideBrowserCollection"/>).</summary>
public sealed class PracticeLiveServer : IDisposable
{
    public LiveServer Server { get; } = LiveServer.Practice();

    public void Dispose() => Server.Dispose();
}

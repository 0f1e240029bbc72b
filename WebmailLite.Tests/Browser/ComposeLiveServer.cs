namespace WebmailLite.Tests.Browser;

/// <summary>
/// The app in front of the test Dovecot and Postfix for the compose tests, with small attachment limits so that the
/// « file too large » state needs only kilobytes.
/// </summary>
public sealed class ComposeLiveServer : IDisposable
{
    public const int MaxAttachmentBytes = 20_000;

    public LiveServer Server { get; } = LiveServer.Dovecot(new()
    {
        ["Mail:Compose:MaxAttachmentBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Compose:MaxTotalAttachmentBytes"] = "30000",
        ["SignIn:MaxFailuresPerAddress"] = "1000",
    });

    public void Dispose() => Server.Dispose();
}

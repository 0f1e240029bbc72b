using System.Text;
using MailKit;

namespace WebmailLite.Mail.Imap;

/// <summary>
/// Keeps the server's lines while the client logs in, for the RFC 5530 response code of the tagged answer. MailKit turns
/// every <c>NO</c> to AUTHENTICATE or LOGIN into the same <see cref="MailKit.Security.AuthenticationException"/> and drops
/// the code, yet Dovecot's <c>NO [LIMIT]</c> (one session too many for this person from the app's address, sent only once
/// the password checked out) and <c>NO [UNAVAILABLE]</c> (its password database is down) are not a wrong password.
/// </summary>
/// <remarks>
/// Only what the server sends is kept, and only while <see cref="Recording"/>: what the client sends (the password) is
/// never looked at, and mail read later in the session is not copied.
/// </remarks>
internal sealed class LoginReplyRecorder : IProtocolLogger
{
    // A login answer is one short line; the tail is enough and bounds what a chatty server can make us hold.
    private const int MaxKept = 2048;

    private readonly StringBuilder _kept = new();

    public bool Recording { get; set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (!Recording)
        {
            return;
        }
        _kept.Append(Encoding.Latin1.GetString(buffer, offset, count));
        if (_kept.Length > MaxKept)
        {
            _kept.Remove(0, _kept.Length - MaxKept);
        }
    }

    /// <summary>The response code of the last tagged answer kept (« LIMIT » from « A00000001 NO [LIMIT] … »), upper case; null without one.</summary>
    public string? LastTaggedResponseCode()
    {
        var lines = _kept.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (line.StartsWith('*') || line.StartsWith('+'))
            {
                continue;
            }
            return ResponseCodeOf(line);
        }
        return null;
    }

    internal static string? ResponseCodeOf(string taggedLine)
    {
        // tag SP ("OK" / "NO" / "BAD") SP "[" atom ...
        var parts = taggedLine.Split(' ', 3);
        if (parts.Length < 3 || !parts[2].StartsWith('['))
        {
            return null;
        }
        var end = parts[2].IndexOfAny([']', ' ']);
        return end > 1 ? parts[2][1..end].ToUpperInvariant() : null;
    }

    public void Dispose()
    {
    }
}

using MimeKit;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Accounts;

/// <summary>
/// The contact addresses the administration holds (<c>Accounts:ContactsFile</c>): one <c>identifier address</c>
/// per line, separated by tabs or spaces; <c>#</c> starts a comment line; blank lines are ignored. Identifiers are
/// compared trimmed and ignoring case. When an identifier appears twice, the <b>last</b> line wins, so that an
/// administrator can append a correction; the duplicate is logged (line numbers only). A line that is not an
/// identifier followed by one valid address is skipped and logged by number, never by content. The file is read
/// again when its modification time or size changes, so edits apply without a restart.
/// </summary>
public sealed class ContactsFile(string path, ILogger logger)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private readonly Lock _gate = new();
    private bool _missingLogged;
    private (DateTime Modified, long Length, IReadOnlyDictionary<string, string> Contacts)? _cache;

    /// <summary>The contact address of <paramref name="identifier"/>, or <c>null</c>.</summary>
    public string? Find(string identifier)
    {
        var contacts = Current();
        return contacts.TryGetValue(identifier.Trim(), out var address) ? address : null;
    }

    /// <summary>Every identifier and its address; the same instance until the file changes.</summary>
    public IReadOnlyDictionary<string, string> All() => Current();

    /// <summary>Parses the file's text (see the class for the format).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text, ILogger logger)
    {
        var contacts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !Recipients.TryParseOne(parts[1], out MailboxAddress address))
            {
                logger.LogWarning("Contacts file: line {Line} is not « identifier address »; skipped", lineNumber);
                continue;
            }
            if (contacts.ContainsKey(parts[0]))
            {
                logger.LogWarning("Contacts file: line {Line} repeats an identifier; it replaces the earlier address", lineNumber);
            }
            contacts[parts[0]] = address.Address;
        }
        return contacts;
    }

    private IReadOnlyDictionary<string, string> Current()
    {
        var info = new FileInfo(path);
        lock (_gate)
        {
            if (!info.Exists)
            {
                if (!_missingLogged)
                {
                    // Once, not per lookup: a missing file must not flood the log.
                    logger.LogWarning("Contacts file {Path} not found: no contact addresses", path);
                    _missingLogged = true;
                }
                _cache = null;
                return None;
            }
            _missingLogged = false;
            if (_cache is { } cached && cached.Modified == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                return cached.Contacts;
            }
            var contacts = Parse(File.ReadAllText(path), logger);
            _cache = (info.LastWriteTimeUtc, info.Length, contacts);
            return contacts;
        }
    }
}

using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// Opens connections to the académie's directory (<c>Accounts:Ldap</c>): TLS as configured, LDAP v3, the operation
/// limit, bound as the app's account or as a person proving a password. One connection per operation: on a local
/// network a bind costs about a millisecond, and nothing is shared between requests.
/// </summary>
public sealed class LdapConnector
{
    private readonly LdapOptions _options;
    private readonly LdapDirectoryIdentifier _server;
    private readonly bool _ldaps;

    public LdapConnector(IOptions<AccountsOptions> options)
    {
        _options = options.Value.Ldap;
        var url = new Uri(_options.Url ?? throw new InvalidOperationException("Accounts:Ldap:Url is not set."));
        _ldaps = url.Scheme.Equals("ldaps", StringComparison.OrdinalIgnoreCase);
        var port = url.IsDefaultPort || url.Port <= 0 ? (_ldaps ? 636 : 389) : url.Port;
        _server = new LdapDirectoryIdentifier(url.Host, port, fullyQualifiedDnsHostName: true, connectionless: false);
    }

    public LdapOptions Options => _options;

    /// <summary>A connection bound as the app's account (<c>Accounts:Ldap:BindDn</c>).</summary>
    public LdapConnection OpenAsApp() => Open(_options.BindDn ?? "", _options.BindPassword ?? "");

    /// <summary>
    /// Whether <paramref name="password"/> binds as <paramref name="dn"/>. An empty password is refused here: LDAP
    /// would take it for an anonymous bind and answer « success ».
    /// </summary>
    public bool CanBind(string dn, string password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }
        try
        {
            using var connection = Open(dn, password);
            return true;
        }
        catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
        {
            return false;
        }
    }

    /// <summary>The one entry <paramref name="filter"/> finds under the base DN, or <c>null</c> (none, or more than one).</summary>
    public SearchResultEntry? FindOne(LdapConnection connection, string filter, params string[] attributes)
    {
        var request = new SearchRequest(_options.BaseDn, filter, SearchScope.Subtree, attributes) { SizeLimit = 2, TimeLimit = _options.Timeout };
        var response = (SearchResponse)connection.SendRequest(request, _options.Timeout);
        return response.Entries.Count == 1 ? response.Entries[0] : null;
    }

    /// <summary>The first value of <paramref name="attribute"/> as text, trimmed; <c>null</c> when absent, empty or not asked.</summary>
    public static string? Value(SearchResultEntry entry, string? attribute)
    {
        if (string.IsNullOrEmpty(attribute) || entry.Attributes[attribute] is not { Count: > 0 } values)
        {
            return null;
        }
        var text = values[0] switch
        {
            string s => s,
            byte[] b => Encoding.UTF8.GetString(b),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Escapes a value for a search filter (RFC 4515): <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL.</summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => @"\5c",
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    public const int InvalidCredentials = 49;

    private void Connect(LdapConnection connection)
    {
        try
        {
            connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1"), _options.Timeout);
        }
        catch (DirectoryOperationException)
        {
            // A directory that refuses anonymous reads of the root DSE still answered: the connection is open.
        }
    }

    private LdapConnection Open(string dn, string password)
    {
        var connection = new LdapConnection(_server, new NetworkCredential(dn, password), AuthType.Basic)
        {
            Timeout = _options.Timeout,
            AutoBind = false,
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (_ldaps)
            {
                connection.SessionOptions.SecureSocketLayer = true;
            }
            else if (_options.StartTls)
            {
                // On Linux, S.DS.P opens the socket at the first request, and StartTLS on a handle not yet connected
                // fails with « server unavailable » (dotnet/runtime#56619). The root DSE is read first, anonymously
                // and without credentials (nothing secret crosses before TLS), to open it.
                Connect(connection);
                connection.SessionOptions.StartTransportLayerSecurity(null);
            }
            connection.Bind();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}

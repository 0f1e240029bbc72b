using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The académie's directory of the test rig: the private slapd started by scripts/directory-server.sh (OpenLDAP
/// 2.5, ppolicy), shared by every test in the process. Starts it if it is not running, so a bare `dotnet test`
/// works; it is left running afterwards (scripts/test.sh stops what it started). Tests create their own people
/// with random identifiers; the seeded staff are for people trying the rig by hand.
/// </summary>
public sealed class DirectoryServer
{
    public const string DefaultDirectory = "/tmp/webmaillite-ldap";

    public const string StateActive = "active";
    public const string StateDisabled = "disabled";
    public const string StateDeleted = "deleted";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);
    private static readonly Lazy<DirectoryServer> LazyInstance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IReadOnlyDictionary<string, string> env;

    private DirectoryServer(string envFile, IReadOnlyDictionary<string, string> env)
    {
        this.env = env;
        EnvFile = envFile;
        Port = int.Parse(Require("WEBMAILLITE_LDAP_PORT"), CultureInfo.InvariantCulture);
        Url = Require("WEBMAILLITE_LDAP_URL");
        LdapsUrl = Require("WEBMAILLITE_LDAPS_URL");
        StartTlsUrl = Require("WEBMAILLITE_LDAP_STARTTLS_URL");
        CertificateAuthority = Require("WEBMAILLITE_LDAP_CA");
        BaseDn = Require("WEBMAILLITE_LDAP_BASE_DN");
        PeopleDn = Require("WEBMAILLITE_LDAP_PEOPLE_DN");
        Domain = Require("WEBMAILLITE_LDAP_MAIL_DOMAIN");
        AppBindDn = Require("WEBMAILLITE_LDAP_APP_DN");
        AppBindPassword = Require("WEBMAILLITE_LDAP_APP_PASSWORD");
        AdminDn = Require("WEBMAILLITE_LDAP_ADMIN_DN");
        AdminPassword = Require("WEBMAILLITE_LDAP_ADMIN_PASSWORD");
        UserFilter = Require("WEBMAILLITE_LDAP_USER_FILTER");
        IdentifierAttribute = Require("WEBMAILLITE_LDAP_ATTR_IDENTIFIER");
        AddressAttribute = Require("WEBMAILLITE_LDAP_ATTR_ADDRESS");
        ContactAddressAttribute = Require("WEBMAILLITE_LDAP_ATTR_CONTACT");
        DisplayNameAttribute = Require("WEBMAILLITE_LDAP_ATTR_DISPLAY_NAME");
        SchoolAttribute = Require("WEBMAILLITE_LDAP_ATTR_SCHOOL");
        StateAttribute = Require("WEBMAILLITE_LDAP_ATTR_STATE");
    }

    public static DirectoryServer Instance => LazyInstance.Value;

    /// <summary>$WEBMAILLITE_LDAP_DIR/env, which scripts/mail-servers.sh also reads to point Dovecot here.</summary>
    public string EnvFile { get; }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>ldap://127.0.0.1:port (no TLS: loopback only).</summary>
    public string Url { get; }

    /// <summary><c>ldaps://localhost:…</c>, with a certificate of the rig's own CA (<see cref="CertificateAuthority"/>).</summary>
    public string LdapsUrl { get; }

    /// <summary><c>ldap://localhost:…</c>, for StartTLS with the same certificate.</summary>
    public string StartTlsUrl { get; }

    /// <summary>The rig's CA certificate (PEM): libldap trusts it when LDAPTLS_CACERT names it.</summary>
    public string CertificateAuthority { get; }

    /// <summary>dc=ac-test,dc=fr.</summary>
    public string BaseDn { get; }

    /// <summary>ou=people,dc=ac-test,dc=fr: every person, one level below.</summary>
    public string PeopleDn { get; }

    public string Domain { get; }

    /// <summary>The app's account: reads people (not their passwords), changes their userPassword.</summary>
    public string AppBindDn { get; }

    public string AppBindPassword { get; }

    /// <summary>The rootdn: the fixture's own set-up only (creating people, changing states, reading hashes).</summary>
    public string AdminDn { get; }

    public string AdminPassword { get; }

    /// <summary>The search filter for an identifier, with <c>{0}</c> for the escaped identifier.</summary>
    public string UserFilter { get; }

    public string IdentifierAttribute { get; }

    public string AddressAttribute { get; }

    public string ContactAddressAttribute { get; }

    public string DisplayNameAttribute { get; }

    public string SchoolAttribute { get; }

    /// <summary>acAccountState: active, disabled or deleted (absent means active).</summary>
    public string StateAttribute { get; }

    /// <summary>
    /// The rig's mail servers, checked to authenticate against this directory: Dovecot gets its LDAP passdb only
    /// when the directory runs at the mail servers' start (scripts/mail-servers.sh).
    /// </summary>
    public MailServer MailServer()
    {
        var mail = Infrastructure.MailServer.Instance;
        if (mail.DirectoryEnvFile != EnvFile)
        {
            throw new InvalidOperationException(
                $"The mail servers in {mail.MailDirectory} do not authenticate against the directory {EnvFile} " +
                $"(they use {mail.DirectoryEnvFile ?? "none"}): they were started while it was not running. " +
                "Run scripts/mail-servers.sh start again (with the same WEBMAILLITE_* variables) to include it.");
        }

        return mail;
    }

    /// <summary>
    /// Adds a person with a random identifier, as an académie's provisioning would: inetOrgPerson + acPerson, the
    /// password given in clear and hashed by the server ({SSHA}, ppolicy's olcPPolicyHashCleartext).
    /// </summary>
    public async Task<TestPerson> CreatePersonAsync(
        string displayName,
        string school,
        string? contactAddress = null,
        string state = StateActive,
        string? password = null)
    {
        var names = displayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var givenName = names[0];
        var familyName = names.Length > 1 ? names[1] : names[0];
        var suffix = RandomNumberGenerator.GetHexString(6, lowercase: true);
        // As académies build them: first letter and family name for the uid, prénom.nom for the address.
        var identifier = $"{Ascii(givenName)[..1]}{Ascii(familyName).Replace(".", "", StringComparison.Ordinal)}-{suffix}";
        var address = $"{Ascii(givenName)}.{Ascii(familyName)}-{suffix}@{Domain}";
        var person = new TestPerson(
            identifier,
            password ?? NewPassword(),
            address,
            displayName,
            school,
            contactAddress,
            state,
            $"{IdentifierAttribute}={identifier},{PeopleDn}");

        var attributes = new List<DirectoryAttribute>
        {
            new("objectClass", "inetOrgPerson", "acPerson"),
            new(IdentifierAttribute, identifier),
            new("cn", displayName),
            new("sn", familyName),
            new("givenName", givenName),
            new(DisplayNameAttribute, displayName),
            new(AddressAttribute, address),
            new(SchoolAttribute, school),
            new(StateAttribute, state),
            new("userPassword", person.Password),
        };
        if (contactAddress is not null)
        {
            attributes.Add(new DirectoryAttribute(ContactAddressAttribute, contactAddress));
        }

        await SendAsAdminAsync(new AddRequest(person.Dn, [.. attributes]));
        return person;
    }

    /// <summary>Sets acAccountState (active, disabled, deleted): Dovecot's filter then refuses or accepts the person at once.</summary>
    public async Task<TestPerson> SetStateAsync(TestPerson person, string state)
    {
        await SendAsAdminAsync(new ModifyRequest(person.Dn, DirectoryAttributeOperation.Replace, StateAttribute, state));
        return person with { State = state };
    }

    /// <summary>The stored userPassword (e.g. « {SSHA}… »), read as the rootdn: no other account may read it.</summary>
    public async Task<string?> ReadPasswordHashAsync(TestPerson person)
    {
        var response = (SearchResponse)await SendAsAdminAsync(new SearchRequest(person.Dn, "(objectClass=*)", SearchScope.Base, "userPassword"));
        var values = response.Entries.Count == 1 ? response.Entries[0].Attributes["userPassword"]?.GetValues(typeof(byte[])) : null;
        return values is { Length: > 0 } ? Encoding.UTF8.GetString((byte[])values[0]) : null;
    }

    /// <summary>
    /// Password Modify (RFC 3062) bound as the app account, as the app does after a recovery: the server hashes the
    /// new password and applies its policy. A refusal is returned, not thrown.
    /// </summary>
    public Task<PasswordModifyResult> ChangePasswordAsAppAsync(TestPerson person, string newPassword) =>
        Task.Run(() =>
        {
            using var connection = Connect(AppBindDn, AppBindPassword);
            return PasswordModify.Send(connection, PasswordModify.Request(person.Dn, newPassword));
        });

    /// <summary>A connection bound as <paramref name="bindDn"/> (LDAPv3, simple bind, 10 s timeout). Dispose it when done.</summary>
    public LdapConnection Connect(string bindDn, string password)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(Host, Port), new NetworkCredential(bindDn, password), AuthType.Basic)
        {
            Timeout = OperationTimeout,
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.Bind();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A password that passes the rig's policy (20 characters).</summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    /// <summary>
    /// Starts the directory if it is not running (idempotent). The mail fixture calls this before starting the mail
    /// servers, so Dovecot includes the directory from its first start.
    /// </summary>
    internal static void EnsureRunning() => _ = LazyInstance.Value;

    private Task<DirectoryResponse> SendAsAdminAsync(DirectoryRequest request) =>
        Task.Run(() =>
        {
            using var connection = Connect(AdminDn, AdminPassword);
            return connection.SendRequest(request);
        });

    /// <summary>Lower-case ASCII for identifiers and addresses: « Élodie » → « elodie », « Le Gall » → « legall ».</summary>
    private static string Ascii(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is 'œ' or 'Œ')
            {
                builder.Append("oe");
            }
        }

        return builder.Length > 0 ? builder.ToString() : "x";
    }

    private static DirectoryServer Create()
    {
        var script = RepositoryScript.Path("directory-server.sh");
        var directory = Environment.GetEnvironmentVariable("WEBMAILLITE_LDAP_DIR") is { Length: > 0 } configured ? configured : DefaultDirectory;
        var envFile = Path.Combine(directory, "env");

        // Already running (scripts/test.sh started it, or an earlier run)? Then use it as it is.
        if (File.Exists(envFile))
        {
            var env = RepositoryScript.ReadEnvFile(envFile);
            if (env.TryGetValue("WEBMAILLITE_LDAP_PORT", out var port) && LoopbackPort.IsOpen(port))
            {
                return new DirectoryServer(envFile, env);
            }
        }

        RepositoryScript.RunAsync(script, "start", new Dictionary<string, string>(), ScriptTimeout).GetAwaiter().GetResult();
        return new DirectoryServer(envFile, RepositoryScript.ReadEnvFile(envFile));
    }

    private string Require(string key) =>
        env.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"{key} missing from the directory's env file {EnvFile}.");

}

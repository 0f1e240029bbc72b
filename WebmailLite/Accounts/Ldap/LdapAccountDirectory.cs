using System.DirectoryServices.Protocols;

namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// The académie's LDAP directory (<c>Accounts:Ldap</c>), the one Dovecot authenticates against: who exists, the
/// addresses codes and notifications go to, and new passwords set through the directory's own rules (Password
/// Modify, RFC 3062: the server hashes the password and applies its policy). A disabled or deleted account is unknown
/// here, as it is to the mail server: recovery cannot reopen it.
/// </summary>
public sealed class LdapAccountDirectory(LdapConnector connector, StaffDirectory staff, ILogger<LdapAccountDirectory> logger) : IAccountDirectory
{
    private LdapOptions Options => connector.Options;

    public async Task<bool> ExistsAsync(string identifier, CancellationToken cancellationToken) =>
        await FindAsync(identifier, cancellationToken) is { State: AccountState.Active };

    public async Task<string?> CanonicalIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        await FindAsync(identifier, cancellationToken) is { State: AccountState.Active } found ? found.Person.Identifier : null;

    public async Task<string?> ContactAddressAsync(string identifier, CancellationToken cancellationToken) =>
        await FindAsync(identifier, cancellationToken) is { State: AccountState.Active } found ? found.ContactAddress : null;

    /// <summary>From the staff directory's last full read (<c>Accounts:Ldap:StaffRefresh</c>): one instance per read.</summary>
    public Task<IReadOnlyDictionary<string, string>> ContactAddressesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(staff.ContactAddresses);

    public async Task<string?> AccountAddressAsync(string identifier, CancellationToken cancellationToken) =>
        await FindAsync(identifier, cancellationToken) is { State: AccountState.Active } found ? found.AccountAddress : null;

    public async Task<DirectoryPerson?> PersonAsync(string identifier, CancellationToken cancellationToken) =>
        (await FindAsync(identifier, cancellationToken))?.Person;

    public async Task<MimeKit.MailboxAddress?> SenderAsync(string identifier, CancellationToken cancellationToken) =>
        await FindAsync(identifier, cancellationToken) is { State: AccountState.Active, AccountAddress: { } address } found
        && Mail.Compose.Recipients.TryParseOne(address, out var mailbox)
            ? new MimeKit.MailboxAddress(found.Person.DisplayName ?? "", mailbox.Address)
            : null;

    public async Task<bool> ProvesClosedAccountAsync(string identifier, string password, CancellationToken cancellationToken)
    {
        if (await FindAsync(identifier, cancellationToken) is not { State: not AccountState.Active } found)
        {
            return false;
        }
        return await RunAsync(() => connector.CanBind(found.Dn, password), cancellationToken);
    }

    /// <summary>
    /// Password Modify as the app's account, with the password policy control: the directory hashes the password and
    /// checks it against its own policy (history, length, quality), and Dovecot, binding as the person, takes it at once.
    /// </summary>
    /// <exception cref="DirectoryPasswordRefusedException">The directory's policy refused the password.</exception>
    public async Task<bool> SetPasswordAsync(string identifier, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPassword);
        if (await FindAsync(identifier, cancellationToken) is not { State: AccountState.Active } found)
        {
            return false;
        }
        await RunAsync(() =>
        {
            using var connection = connector.OpenAsApp();
            var request = new ExtendedRequest(LdapPasswordPolicy.PasswordModifyOid, LdapPasswordPolicy.PasswordModifyValue(found.Dn, newPassword));
            request.Controls.Add(new DirectoryControl(LdapPasswordPolicy.PolicyControlOid, null, false, true));
            try
            {
                connection.SendRequest(request, Options.Timeout);
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.ConstraintViolation or ResultCode.UnwillingToPerform)
            {
                var error = e.Response.Controls
                    .Where(c => c.Type == LdapPasswordPolicy.PolicyControlOid)
                    .Select(c => LdapPasswordPolicy.ReadError(c.GetValue()))
                    .FirstOrDefault(v => v is not null);
                // The server's words may quote policy details but never the password: safe to log.
                logger.LogInformation("The directory's password policy refused a new password for {Identifier}: {Error} ({Message})",
                    found.Person.Identifier, error?.ToString() ?? "no policy control", e.Response.ErrorMessage);
                throw new DirectoryPasswordRefusedException(LdapPasswordPolicy.ProblemOf(error), error?.ToString());
            }
            return true;
        }, CancellationToken.None);
        logger.LogInformation("Password changed in the directory for {Identifier}", found.Person.Identifier);
        return true;
    }

    private async Task<Found?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        identifier = identifier.Trim();
        if (identifier.Length is 0 or > 256)
        {
            return null;
        }
        return await RunAsync(() =>
        {
            using var connection = connector.OpenAsApp();
            var filter = Options.IdentifierFilter.Replace("{0}", LdapConnector.Escape(identifier), StringComparison.Ordinal);
            var attributes = new[]
            {
                Options.IdentifierAttribute, Options.AccountAddressAttribute, Options.ContactAddressAttribute,
                Options.DisplayNameAttribute, Options.SchoolAttribute, Options.StateAttribute,
            }.OfType<string>().Where(a => a.Length > 0).ToArray();
            if (connector.FindOne(connection, filter, attributes) is not { } entry)
            {
                return null;
            }
            var state = Options.StateOf(LdapConnector.Value(entry, Options.StateAttribute));
            var person = new DirectoryPerson(
                LdapConnector.Value(entry, Options.IdentifierAttribute) ?? identifier,
                LdapConnector.Value(entry, Options.DisplayNameAttribute),
                LdapConnector.Value(entry, Options.SchoolAttribute),
                state);
            return new Found(entry.DistinguishedName, person, LdapConnector.Value(entry, Options.AccountAddressAttribute), LdapConnector.Value(entry, Options.ContactAddressAttribute));
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a blocking LDAP exchange off the request's thread; a directory that does not answer becomes
    /// <see cref="DirectoryUnavailableException"/> (the password policy's refusal stays what it is).
    /// </summary>
    private static async Task<T> RunAsync<T>(Func<T> exchange, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(exchange, cancellationToken);
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or DirectoryException)
        {
            throw new DirectoryUnavailableException("The académie's directory did not answer: " + e.Message, e);
        }
    }

    private sealed record Found(string Dn, DirectoryPerson Person, string? AccountAddress, string? ContactAddress)
    {
        public AccountState State => Person.State;
    }
}

namespace WebmailLite.Accounts;

/// <summary>
/// What recovery needs from the identity store. Implementations: the académie's LDAP directory
/// (<c>Accounts:Ldap</c>), the Dovecot passwd-file (<c>Accounts:PasswdFile</c>) and the practice directory. Pages never call <see cref="ExistsAsync"/> to decide
/// what to show: every recovery answer reads the same whether or not the account exists.
/// </summary>
public interface IAccountDirectory
{
    /// <summary>Whether an account with this identifier exists. Internal use only (never shown, never timed).</summary>
    Task<bool> ExistsAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>The account's canonical identifier as the directory spells it, or <c>null</c> when unknown.</summary>
    Task<string?> CanonicalIdentifierAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// The contact address the administration holds for this person (e.g. a personal address given on arrival),
    /// or <c>null</c> when none is known or the account does not exist.
    /// </summary>
    Task<string?> ContactAddressAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Every contact address the administration holds, by identifier: the population the decoy masks of unknown
    /// identifiers are drawn from, so that they look like real ones (first letter, digits, domains). The same instance
    /// while nothing changed, so that callers can cache what they derive from it; empty when there are none.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> ContactAddressesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The address of the account itself (its own mailbox), where notifications go, or <c>null</c> when unknown.
    /// </summary>
    Task<string?> AccountAddressAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a new password, effective for the mail server at once. Returns <c>false</c> when the account does not
    /// exist. Concurrent calls never corrupt the store.
    /// </summary>
    /// <exception cref="DirectoryPasswordRefusedException">The directory's own password policy refused it; nothing changed.</exception>
    Task<bool> SetPasswordAsync(string identifier, string newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// The person's name, school and account state, for the assistance desk (never shown on a public page), or
    /// <c>null</c> when unknown or when the directory holds no such data (passwd-file, practice).
    /// </summary>
    Task<DirectoryPerson?> PersonAsync(string identifier, CancellationToken cancellationToken) => Task.FromResult<DirectoryPerson?>(null);

    /// <summary>
    /// The name and address a signed-in person sends as, when the directory holds them (LDAP: display name and mail
    /// attribute); <c>null</c> otherwise, and the address is made from the identifier (<c>Mail:AddressDomain</c>).
    /// </summary>
    Task<MimeKit.MailboxAddress?> SenderAsync(string identifier, CancellationToken cancellationToken) => Task.FromResult<MimeKit.MailboxAddress?>(null);

    /// <summary>
    /// Whether the directory marks this account disabled or deleted <em>and</em> <paramref name="password"/> is its
    /// password. Asked only after the mail server refused a sign-in: a stranger learns nothing about the account's
    /// state, and its owner learns why, instead of « wrong password ».
    /// </summary>
    Task<bool> ProvesClosedAccountAsync(string identifier, string password, CancellationToken cancellationToken) => Task.FromResult(false);
}

using System.Text;
using Microsoft.Extensions.Options;
using WebmailLite.Mail;
using WebmailLite.Mail.Sending;

namespace WebmailLite.Accounts;

/// <summary>
/// The accounts of a Dovecot passwd-file (<c>Accounts:PasswdFile</c>), with contact addresses from
/// <c>Accounts:ContactsFile</c>. Identifiers match ignoring case (Dovecot lowercases logins with its default
/// <c>auth_username_format = %Lu</c>) and come back spelled as in the file.
/// </summary>
public sealed class PasswdFileAccountDirectory : IAccountDirectory
{
    /// <summary>
    /// bcrypt reads only the first 72 UTF-8 bytes of a password: a longer one would be accepted with any ending.
    /// <see cref="SetPasswordAsync"/> refuses it rather than store a hash weaker than the person believes; the
    /// password policy refuses it earlier, with a message.
    /// </summary>
    public const int MaxPasswordBytes = 72;

    /// <summary>Dovecot's scheme prefix for bcrypt hashes.</summary>
    public const string Scheme = "{BLF-CRYPT}";

    private static readonly IReadOnlyDictionary<string, string> NoContacts = new Dictionary<string, string>();

    private readonly string _path;
    private readonly int _cost;
    private readonly string? _addressDomain;
    private readonly ContactsFile? _contacts;
    private readonly ILogger<PasswdFileAccountDirectory> _logger;

    public PasswdFileAccountDirectory(
        IOptions<AccountsOptions> accounts,
        IOptions<MailOptions> mail,
        ILogger<PasswdFileAccountDirectory> logger)
    {
        var options = accounts.Value;
        _path = options.PasswdFile ?? throw new InvalidOperationException("Accounts:PasswdFile is not set.");
        _cost = options.PasswordHashCost;
        _addressDomain = mail.Value.AddressDomain;
        _contacts = string.IsNullOrWhiteSpace(options.ContactsFile) ? null : new ContactsFile(options.ContactsFile, logger);
        _logger = logger;
    }

    public async Task<bool> ExistsAsync(string identifier, CancellationToken cancellationToken) =>
        await CanonicalIdentifierAsync(identifier, cancellationToken) is not null;

    public async Task<string?> CanonicalIdentifierAsync(string identifier, CancellationToken cancellationToken)
    {
        // Read without the writers' lock: a writer replaces the file by rename, so a reader sees a whole version.
        var content = File.Exists(_path) ? await File.ReadAllBytesAsync(_path, cancellationToken) : [];
        return PasswdFileContent.FindUser(content, identifier);
    }

    public async Task<string?> ContactAddressAsync(string identifier, CancellationToken cancellationToken)
    {
        if (_contacts is null || await CanonicalIdentifierAsync(identifier, cancellationToken) is not { } user)
        {
            return null;
        }
        return _contacts.Find(user);
    }

    /// <remarks>
    /// The file as it is, lines of people no longer in the passwd-file included: a few stale lines shift the
    /// distribution of decoys very little, and checking each against the passwd-file would cost a read per request.
    /// </remarks>
    public Task<IReadOnlyDictionary<string, string>> ContactAddressesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_contacts?.All() ?? NoContacts);

    public async Task<string?> AccountAddressAsync(string identifier, CancellationToken cancellationToken)
    {
        if (await CanonicalIdentifierAsync(identifier, cancellationToken) is not { } user)
        {
            return null;
        }
        return SenderAddresses.For(user, _addressDomain)?.Address;
    }

    /// <summary>
    /// Writes a <c>{BLF-CRYPT}</c> hash in place of the account's password field (any scheme it had), and returns
    /// once Dovecot certainly uses it: Dovecot checks the file at most once a second, so this waits for the next whole
    /// second after the write (under 1.2 s). A caller that says « your password has been changed » then tells the truth:
    /// the old password is refused from the next sign-in on.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, holding a NUL character, or over <see cref="MaxPasswordBytes"/> UTF-8 bytes.</exception>
    public async Task<bool> SetPasswordAsync(string identifier, string newPassword, CancellationToken cancellationToken)
    {
        CheckPassword(newPassword);
        // Hashed outside the lock: at cost 12 it takes a few hundred milliseconds, and other changes need not wait.
        var field = Scheme + HashPassword(newPassword, _cost);
        var (user, visibleFrom) = await PasswdFileWriter.UpdateAsync(_path, content =>
        {
            var user = PasswdFileContent.FindUser(content, identifier);
            return (user is null ? null : PasswdFileContent.ReplacePassword(content, user, field), user);
        }, cancellationToken);
        if (user is null)
        {
            return false;
        }
        // The identifier is not a secret; the password and its hash never go to the log.
        _logger.LogInformation("Password changed in the passwd-file for {Identifier}", user);
        await WaitUntilVisibleAsync(visibleFrom!.Value);
        return true;
    }

    /// <summary>Throws when bcrypt could not hash <paramref name="password"/> faithfully.</summary>
    public static void CheckPassword(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (password.Contains('\0', StringComparison.Ordinal))
        {
            // C's crypt() stops at NUL: Dovecot would check a shorter password than the one hashed here.
            throw new ArgumentException("A password cannot contain a NUL character.", nameof(password));
        }
        if (Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            throw new ArgumentException($"A password is at most {MaxPasswordBytes} UTF-8 bytes.", nameof(password));
        }
    }

    /// <summary>A bcrypt hash with the <c>$2y$</c> prefix, the one Dovecot's BLF-CRYPT and libxcrypt verify.</summary>
    public static string HashPassword(string password, int cost) =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(cost, 'y'));

    private static async Task WaitUntilVisibleAsync(DateTime visibleFromUtc)
    {
        // Dovecot's clock, not the app's TimeProvider (tests may freeze that one). Not cancellable: the password
        // is changed by now, and a cancellation here would report a change that did happen as a failure.
        // A loop: the timer runs on the monotonic clock and may wake a millisecond before the wall clock reaches the
        // instant (seen in a full run: returned at .149 for a file visible from .150).
        TimeSpan wait;
        while ((wait = visibleFromUtc - DateTime.UtcNow) > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(1), CancellationToken.None);
        }
    }
}

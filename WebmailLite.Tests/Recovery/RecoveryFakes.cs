using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MimeKit;
using WebmailLite.Accounts;
using WebmailLite.Mail;

namespace WebmailLite.Tests.Recovery;

/// <summary>An in-memory account directory: identifiers compared ignoring case, as the passwd-file does.</summary>
internal sealed class FakeAccountDirectory : IAccountDirectory
{
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public Account Add(string identifier, string? contact, string? address = null)
    {
        var account = new Account(identifier, contact, address ?? identifier + "@ac-test.fr");
        _accounts[identifier] = account;
        _contacts = null;
        return account;
    }

    public Account this[string identifier] => _accounts[identifier];

    public Task<bool> ExistsAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.ContainsKey(identifier.Trim()));

    public Task<string?> CanonicalIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryGetValue(identifier.Trim(), out var a) ? a.Identifier : null);

    public Task<string?> ContactAddressAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryGetValue(identifier.Trim(), out var a) ? a.Contact : null);

    private IReadOnlyDictionary<string, string>? _contacts;

    /// <summary>One instance until an account is added, as the contacts file gives (the service caches by instance).</summary>
    public Task<IReadOnlyDictionary<string, string>> ContactAddressesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_contacts ??= _accounts.Values.Where(a => a.Contact is not null).ToDictionary(a => a.Identifier, a => a.Contact!, StringComparer.OrdinalIgnoreCase));

    public Task<string?> AccountAddressAsync(string identifier, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryGetValue(identifier.Trim(), out var a) ? a.Address : null);

    /// <summary>When set, <see cref="SetPasswordAsync"/> throws it (a locked or unwritable passwd-file).</summary>
    public Exception? FailWith { get; set; }

    public Task<bool> SetPasswordAsync(string identifier, string newPassword, CancellationToken cancellationToken)
    {
        if (FailWith is not null)
        {
            return Task.FromException<bool>(FailWith);
        }
        if (!_accounts.TryGetValue(identifier.Trim(), out var a))
        {
            return Task.FromResult(false);
        }
        a.Password = newPassword;
        a.PasswordChanges++;
        return Task.FromResult(true);
    }

    /// <summary>Accounts the directory marks closed, with their password (unknown to every other member, as with LDAP).</summary>
    public Dictionary<string, string> Closed { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> ProvesClosedAccountAsync(string identifier, string password, CancellationToken cancellationToken) =>
        Task.FromResult(Closed.TryGetValue(identifier.Trim(), out var right) && right == password);

    internal sealed class Account(string identifier, string? contact, string? address)
    {
        public string Identifier { get; } = identifier;
        public string? Contact { get; } = contact;
        public string? Address { get; } = address;
        public string Password { get; set; } = "ancien mot de passe";
        public int PasswordChanges { get; set; }
    }
}

/// <summary>System mail that keeps what it is given, or fails when told to.</summary>
internal sealed class CapturingSystemMail : ISystemMail
{
    public ConcurrentQueue<MimeMessage> Sent { get; } = new();

    public Exception? FailWith { get; set; }

    public MailboxAddress Sender { get; } = new("Messagerie académique", "ne-pas-repondre@ac-test.fr");

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        Sent.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();
}

/// <summary>Keeps every formatted log line with its exception, to check what a log would reveal.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}


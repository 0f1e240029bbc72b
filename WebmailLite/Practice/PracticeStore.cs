using System.Globalization;
using System.Security.Cryptography;
using LiteDB;
using MimeKit;
using WebmailLite.Mail;
using WebmailLite.Storage;

namespace WebmailLite.Practice;

/// <summary>
/// The practice mailbox's data in LiteDB: accounts (PBKDF2 password hashes), their folders, and their messages.
/// A message is two documents: a small summary (what a list row needs) and its raw MIME source in a separate
/// collection, so that reading a page of summaries never loads message bodies.
/// </summary>
public sealed partial class PracticeStore
{
    /// <summary>
    /// OWASP's current figure for PBKDF2-HMAC-SHA256, the default of <see cref="PracticeOptions.PasswordHashIterations"/>;
    /// stored per account so it can be raised later.
    /// </summary>
    public const int Pbkdf2Iterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Dovecot's usual names for the special-use folders, so that practice and IMAP folders look alike.
    private static readonly (string FullName, SpecialFolder Special)[] StandardFolders =
    [
        ("INBOX", SpecialFolder.Inbox),
        ("Drafts", SpecialFolder.Drafts),
        ("Sent", SpecialFolder.Sent),
        ("Archive", SpecialFolder.Archive),
        ("Junk", SpecialFolder.Junk),
        ("Trash", SpecialFolder.Trash),
    ];

    private readonly LiteDatabase _database;
    private readonly ILiteCollection<Account> _accounts;
    private readonly ILiteCollection<Folder> _folders;
    private readonly ILiteCollection<StoredMessage> _messages;
    private readonly ILiteCollection<MessageSource> _sources;
    private readonly TimeProvider _time;
    private readonly int _iterations;

    // Adding a message reads then bumps the folder's NextUid, and creating an account or a folder checks then
    // inserts: both would race between two requests without one gate. Only these rare writes take it.
    private readonly Lock _writeGate = new();

    // Verifying against an unknown identifier still runs PBKDF2 with this throwaway salt.
    private readonly byte[] _absentAccountSalt = RandomNumberGenerator.GetBytes(SaltBytes);

    public PracticeStore(AppDatabase database, TimeProvider time)
        : this(database, time, Pbkdf2Iterations)
    {
    }

    /// <summary>
    /// With the iteration count of <see cref="PracticeOptions.PasswordHashIterations"/> (lower only in tests). The count
    /// is stored per account and verification follows it.
    /// </summary>
    internal PracticeStore(AppDatabase database, TimeProvider time, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _iterations = iterations;
        _time = time;
        _database = database.Database;
        _accounts = database.Collection<Account>("practice_accounts");
        _folders = database.Collection<Folder>("practice_folders");
        _messages = database.Collection<StoredMessage>("practice_messages");
        _sources = database.Collection<MessageSource>("practice_message_sources");

        _folders.EnsureIndex(f => f.Account);
        _messages.EnsureIndex(m => m.FolderId);
        // The messages' _id is "<folder id>:<uid on 10 digits>": the primary index is the (folder, uid) index,
        // ordered by arrival, so one range scan gives a folder's page newest first and a lookup by uid is direct.
    }

    /// <summary>Identifiers are compared as <see cref="Owner.Of"/> spells them, as Dovecot does with <c>%Lu</c>: « Camille.Martin » signs in too.</summary>
    public static string NormalizeIdentifier(string identifier) => Owner.Of(identifier);

    public bool HasAnyAccount() => _accounts.Count() > 0;

    /// <summary>Creates the account with its standard folders when it does not exist yet; never changes an existing one.</summary>
    /// <returns><c>true</c> when the account was created.</returns>
    public bool EnsureAccount(string identifier, string displayName, string address, string password)
    {
        var id = NormalizeIdentifier(identifier);
        ArgumentException.ThrowIfNullOrEmpty(id, nameof(identifier));
        if (_accounts.FindById(id) is not null)
        {
            return false;
        }
        // Hashed before taking the gate: PBKDF2 takes a noticeable fraction of a second.
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Hash(password, salt, _iterations);
        lock (_writeGate)
        {
            if (_accounts.FindById(id) is not null)
            {
                return false;
            }
            _database.BeginTrans();
            try
            {
                _accounts.Insert(new Account
                {
                    Id = id,
                    DisplayName = displayName,
                    Address = address,
                    Salt = salt,
                    Iterations = _iterations,
                    PasswordHash = hash,
                });
                foreach (var (fullName, special) in StandardFolders)
                {
                    _folders.Insert(new Folder { Account = id, FullName = fullName, Special = special });
                }
                _database.Commit();
            }
            catch
            {
                _database.Rollback();
                throw;
            }
            return true;
        }
    }

    public PracticeAccount? FindAccount(string identifier)
    {
        var account = _accounts.FindById(NormalizeIdentifier(identifier));
        return account is null ? null : new PracticeAccount(account.Id, account.DisplayName, account.Address);
    }

    /// <summary>
    /// Whether the password is the account's. Takes the same time whether or not the account exists (the PBKDF2
    /// work is done either way) so the answer's timing does not reveal which identifiers exist.
    /// </summary>
    public bool VerifyPassword(string identifier, string password)
    {
        var account = _accounts.FindById(NormalizeIdentifier(identifier));
        var salt = account?.Salt ?? _absentAccountSalt;
        var iterations = account?.Iterations ?? _iterations;
        var expected = account?.PasswordHash ?? new byte[HashBytes];
        var actual = Hash(password, salt, iterations);
        // Fixed-time comparison: how many leading bytes match must not show in the timing.
        return CryptographicOperations.FixedTimeEquals(actual, expected) && account is not null;
    }

    /// <summary>Replaces the password (new salt, current iteration count). <c>false</c> when the account does not exist.</summary>
    public bool SetPassword(string identifier, string newPassword)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Hash(newPassword, salt, _iterations);
        lock (_writeGate)
        {
            var account = _accounts.FindById(NormalizeIdentifier(identifier));
            if (account is null)
            {
                return false;
            }
            account.Salt = salt;
            account.Iterations = _iterations;
            account.PasswordHash = hash;
            return _accounts.Update(account);
        }
    }

    /// <summary>Stores the message as it would be appended over IMAP (CRLF line ends) and returns its UID.</summary>
    public uint AddMessage(string identifier, string folderFullName, MimeMessage message, bool seen, bool flagged = false)
    {
        using var buffer = new MemoryStream();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(options, buffer);
        return AddRawMessage(identifier, folderFullName, buffer.ToArray(), seen, flagged);
    }

    /// <summary>
    /// Stores raw bytes untouched (malformed mail stays malformed, as on a real server) and returns the UID. The
    /// folder is created, as a plain folder, when it does not exist.
    /// </summary>
    public uint AddRawMessage(string identifier, string folderFullName, byte[] raw, bool seen, bool flagged = false)
    {
        var id = NormalizeIdentifier(identifier);
        var envelope = ReadEnvelope(raw);
        lock (_writeGate)
        {
            if (_accounts.FindById(id) is null)
            {
                throw new InvalidOperationException("No practice account with this identifier.");
            }
            var folder = FindFolderDocument(id, folderFullName) ?? new Folder { Account = id, FullName = folderFullName, Special = SpecialFolder.None };
            var uid = folder.NextUid;
            folder.NextUid++;
            envelope.Id = MessageKey(folder.Id, uid);
            envelope.FolderId = folder.Id;
            envelope.Uid = uid;
            envelope.Seen = seen;
            envelope.Flagged = flagged;

            _database.BeginTrans();
            try
            {
                _folders.Upsert(folder);
                _messages.Insert(envelope);
                _sources.Insert(new MessageSource { Id = envelope.Id, Raw = raw });
                _database.Commit();
            }
            catch
            {
                _database.Rollback();
                throw;
            }
            return (uint)uid;
        }
    }

    /// <summary>The account's folders with their counts, in no particular order.</summary>
    public IReadOnlyList<MailFolder> GetFolders(string identifier)
    {
        var id = NormalizeIdentifier(identifier);
        // Materialized first: counting while the folder cursor is still open would nest two queries.
        return _folders.Find(f => f.Account == id).ToList().Select(WithCounts).ToList();
    }

    public MailFolder? FindFolder(string identifier, string folderFullName)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        return folder is null ? null : WithCounts(folder);
    }

    /// <summary>
    /// Summaries by UID descending (the newest arrival first), skipping <paramref name="skip"/>. Walks the
    /// primary index backwards from the folder's highest UID and stops after the page: only summaries are
    /// read, never the sources.
    /// </summary>
    public IReadOnlyList<MessageSummary> ReadNewestFirst(string identifier, string folderFullName, int skip, int limit)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null || limit <= 0)
        {
            return [];
        }
        return _messages.Query()
            .Where(Query.Between("_id", MessageKey(folder.Id, 0), MessageKey(folder.Id, uint.MaxValue)))
            .OrderByDescending("_id")
            .Skip(Math.Max(0, skip))
            .Limit(limit)
            .ToEnumerable()
            .Select(ToSummary)
            .ToList();
    }

    public MessageSummary? FindSummary(string identifier, string folderFullName, uint uid)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        var message = folder is null ? null : _messages.FindById(MessageKey(folder.Id, uid));
        return message is null ? null : ToSummary(message);
    }

    /// <summary>The raw MIME source, or <c>null</c> when the folder or UID does not exist.</summary>
    public byte[]? GetSource(string identifier, string folderFullName, uint uid)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        return folder is null ? null : _sources.FindById(MessageKey(folder.Id, uid))?.Raw;
    }

    /// <returns><c>false</c> when the folder or UID does not exist.</returns>
    public bool SetSeen(string identifier, string folderFullName, uint uid, bool seen)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        var message = folder is null ? null : _messages.FindById(MessageKey(folder.Id, uid));
        if (message is null)
        {
            return false;
        }
        if (message.Seen != seen)
        {
            message.Seen = seen;
            _messages.Update(message);
        }
        return true;
    }

    private Folder? FindFolderDocument(string account, string fullName)
    {
        // IMAP's INBOX is case-insensitive (RFC 3501 §5.1); every other name is exact.
        var name = string.Equals(fullName, "INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : fullName;
        // LiteDB compares strings with its collation, case-insensitive by default: « projets » would find
        // « Projets ». The exact check is made here, in C#.
        return _folders.Find(f => f.Account == account && f.FullName == name)
            .FirstOrDefault(f => string.Equals(f.FullName, name, StringComparison.Ordinal));
    }

    private MailFolder WithCounts(Folder folder)
    {
        var id = folder.Id;
        var total = _messages.Count(m => m.FolderId == id);
        var unread = total == 0 ? 0 : _messages.Count(m => m.FolderId == id && m.Seen == false);
        var slash = folder.FullName.LastIndexOf('/');
        var name = slash < 0 ? folder.FullName : folder.FullName[(slash + 1)..];
        return new MailFolder(folder.FullName, name, folder.Special, unread, total);
    }

    private static MessageSummary ToSummary(StoredMessage m) => new(
        (uint)m.Uid,
        m.FromName,
        m.FromAddress,
        m.Subject,
        new DateTimeOffset(m.DateUtc, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(m.DateOffsetMinutes)),
        m.Size,
        m.Seen,
        m.Flagged,
        m.HasAttachments);

    private StoredMessage ReadEnvelope(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        var message = MimeMessage.Load(stream);
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        // Without a Date header, the arrival time stands in, as a server's INTERNALDATE would.
        var date = message.Headers.Contains(HeaderId.Date) ? message.Date : _time.GetUtcNow();
        return new StoredMessage
        {
            FromName = from?.Name ?? "",
            FromAddress = from?.Address ?? "",
            Subject = message.Subject ?? "",
            DateUtc = date.UtcDateTime,
            DateOffsetMinutes = (int)date.Offset.TotalMinutes,
            Size = raw.LongLength,
            HasAttachments = message.Attachments.Any(),
        };
    }

    private static string MessageKey(ObjectId folderId, long uid) =>
        folderId.ToString() + ":" + uid.ToString("D10", CultureInfo.InvariantCulture);

    private static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    public sealed record PracticeAccount(string Identifier, string DisplayName, string Address);

    public sealed class Account
    {
        public string Id { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Address { get; set; } = "";
        public byte[] Salt { get; set; } = [];
        public int Iterations { get; set; }
        public byte[] PasswordHash { get; set; } = [];
    }

    public sealed class Folder
    {
        public ObjectId Id { get; set; } = ObjectId.NewObjectId();
        public string Account { get; set; } = "";
        public string FullName { get; set; } = "";
        public SpecialFolder Special { get; set; }

        /// <summary>UIDs only grow within a folder, as IMAP requires; 32-bit values stored as Int64.</summary>
        public long NextUid { get; set; } = 1;
    }

    public sealed class StoredMessage
    {
        public string Id { get; set; } = "";
        public ObjectId FolderId { get; set; } = ObjectId.Empty;
        public long Uid { get; set; }
        public bool Seen { get; set; }
        public bool Flagged { get; set; }

        /// <summary>IMAP's <c>\Draft</c>: a message saved from the compose page.</summary>
        public bool Draft { get; set; }

        public string FromName { get; set; } = "";
        public string FromAddress { get; set; } = "";
        public string Subject { get; set; } = "";
        public DateTime DateUtc { get; set; }

        /// <summary>The sender's offset, kept apart because LiteDB drops a DateTimeOffset's offset.</summary>
        public int DateOffsetMinutes { get; set; }

        public long Size { get; set; }
        public bool HasAttachments { get; set; }
    }

    public sealed class MessageSource
    {
        public string Id { get; set; } = "";
        public byte[] Raw { get; set; } = [];
    }
}

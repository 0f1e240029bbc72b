using WebmailLite.Mail;

namespace WebmailLite.Practice;

// Flags, moves, deletions and the account's own folders, with the IMAP rules: UIDs only grow within a folder (a moved
// message gets the destination's next UID), special-use folders are never renamed or deleted, a non-empty folder is
// never deleted. Every change that touches several documents is one LiteDB transaction under the write gate.
public sealed partial class PracticeStore
{
    private const char Separator = '/';

    /// <returns>How many of the UIDs exist; <c>null</c> when the folder does not.</returns>
    public int? SetFlag(string identifier, string folderFullName, IReadOnlyCollection<uint> uids, MessageFlag flag, bool value)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null)
        {
            return null;
        }
        var count = 0;
        lock (_writeGate)
        {
            foreach (var uid in uids.Distinct())
            {
                var message = _messages.FindById(MessageKey(folder.Id, uid));
                if (message is null)
                {
                    continue;
                }
                count++;
                var current = flag == MessageFlag.Seen ? message.Seen : message.Flagged;
                if (current == value)
                {
                    continue;
                }
                if (flag == MessageFlag.Seen)
                {
                    message.Seen = value;
                }
                else
                {
                    message.Flagged = value;
                }
                _messages.Update(message);
            }
        }
        return count;
    }

    public MoveOutcome Move(string identifier, string folderFullName, IReadOnlyCollection<uint> uids, string destinationFullName)
    {
        var account = NormalizeIdentifier(identifier);
        lock (_writeGate)
        {
            return MoveLocked(FindFolderDocument(account, folderFullName), FindFolderDocument(account, destinationFullName), uids);
        }
    }

    public MoveOutcome MoveToSpecial(string identifier, string folderFullName, IReadOnlyCollection<uint> uids, SpecialFolder destination)
    {
        var account = NormalizeIdentifier(identifier);
        lock (_writeGate)
        {
            var target = _folders.Find(f => f.Account == account).FirstOrDefault(f => f.Special == destination);
            return MoveLocked(FindFolderDocument(account, folderFullName), target, uids);
        }
    }

    /// <returns>How many were deleted; <c>null</c> when the folder does not exist.</returns>
    public int? Delete(string identifier, string folderFullName, IReadOnlyCollection<uint> uids)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null)
        {
            return null;
        }
        lock (_writeGate)
        {
            return DeleteLocked(uids.Distinct().Select(uid => MessageKey(folder.Id, uid)).ToList());
        }
    }

    /// <summary>Marks read every unread message of the folder whose UID is at most <paramref name="upToUid"/>; how many were.</summary>
    public int? MarkRead(string identifier, string folderFullName, uint upToUid)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null)
        {
            return null;
        }
        lock (_writeGate)
        {
            var unread = _messages.Query()
                .Where(LiteDB.Query.Between("_id", MessageKey(folder.Id, 0), MessageKey(folder.Id, upToUid)))
                .Where(m => !m.Seen)
                .ToList();
            foreach (var message in unread)
            {
                message.Seen = true;
                _messages.Update(message);
            }
            return unread.Count;
        }
    }

    /// <summary>Deletes every message of the folder whose UID is at most <paramref name="upToUid"/>.</summary>
    public int? Empty(string identifier, string folderFullName, uint upToUid)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null)
        {
            return null;
        }
        lock (_writeGate)
        {
            var keys = _messages.Query()
                .Where(LiteDB.Query.Between("_id", MessageKey(folder.Id, 0), MessageKey(folder.Id, upToUid)))
                .Select(m => m.Id)
                .ToList();
            return DeleteLocked(keys);
        }
    }

    /// <summary>The summaries of these messages (those that exist), newest first.</summary>
    public IReadOnlyList<MessageSummary> FindSummaries(string identifier, string folderFullName, IReadOnlyCollection<uint> uids)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        if (folder is null)
        {
            return [];
        }
        return uids.Distinct()
            .Select(uid => _messages.FindById(MessageKey(folder.Id, uid)))
            .OfType<StoredMessage>()
            .Select(ToSummary)
            .OrderByDescending(s => s.Uid)
            .ToList();
    }

    public FolderChange CreateFolder(string identifier, string? parentFullName, string name)
    {
        name = FolderNameRules.Normalize(name);
        if (FolderNameRules.Check(name) != FolderNameProblem.None)
        {
            return new FolderChange(FolderChangeStatus.InvalidName);
        }
        var account = NormalizeIdentifier(identifier);
        lock (_writeGate)
        {
            string? parentPath = null;
            if (!string.IsNullOrEmpty(parentFullName))
            {
                var parent = FindFolderDocument(account, parentFullName);
                if (parent is null)
                {
                    return FolderChange.NotFound;
                }
                parentPath = parent.FullName;
            }
            var fullName = parentPath is null ? name : parentPath + Separator + name;
            if (FindSibling(account, parentPath, name, except: null) is { } twin)
            {
                return new FolderChange(FolderChangeStatus.AlreadyExists, twin.FullName);
            }
            _folders.Insert(new Folder { Account = account, FullName = fullName, Special = SpecialFolder.None });
            return new FolderChange(FolderChangeStatus.Done, fullName);
        }
    }

    public FolderChange RenameFolder(string identifier, string folderFullName, string newName)
    {
        newName = FolderNameRules.Normalize(newName);
        if (FolderNameRules.Check(newName) != FolderNameProblem.None)
        {
            return new FolderChange(FolderChangeStatus.InvalidName);
        }
        var account = NormalizeIdentifier(identifier);
        lock (_writeGate)
        {
            var folder = FindFolderDocument(account, folderFullName);
            if (folder is null)
            {
                return FolderChange.NotFound;
            }
            if (folder.Special != SpecialFolder.None)
            {
                return FolderChange.Protected;
            }
            var oldName = folder.FullName;
            var parentPath = ParentPath(oldName);
            var newFullName = parentPath is null ? newName : parentPath + Separator + newName;
            if (newFullName == oldName)
            {
                return new FolderChange(FolderChangeStatus.Done, oldName);
            }
            if (FindSibling(account, parentPath, newName, except: folder) is { } twin)
            {
                return new FolderChange(FolderChangeStatus.AlreadyExists, twin.FullName);
            }
            // Subfolders follow their parent, as with IMAP RENAME.
            var children = _folders.Find(f => f.Account == account).ToList()
                .Where(f => f.FullName.StartsWith(oldName + Separator, StringComparison.Ordinal))
                .ToList();
            _database.BeginTrans();
            try
            {
                folder.FullName = newFullName;
                _folders.Update(folder);
                foreach (var child in children)
                {
                    child.FullName = newFullName + child.FullName[oldName.Length..];
                    _folders.Update(child);
                }
                _database.Commit();
            }
            catch
            {
                _database.Rollback();
                throw;
            }
            return new FolderChange(FolderChangeStatus.Done, newFullName);
        }
    }

    public FolderChange DeleteFolder(string identifier, string folderFullName)
    {
        var account = NormalizeIdentifier(identifier);
        lock (_writeGate)
        {
            var folder = FindFolderDocument(account, folderFullName);
            if (folder is null)
            {
                return FolderChange.NotFound;
            }
            if (folder.Special != SpecialFolder.None)
            {
                return FolderChange.Protected;
            }
            var id = folder.Id;
            if (_messages.Count(m => m.FolderId == id) > 0)
            {
                return new FolderChange(FolderChangeStatus.NotEmpty, folder.FullName);
            }
            var prefix = folder.FullName + Separator;
            if (_folders.Find(f => f.Account == account).Any(f => f.FullName.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return new FolderChange(FolderChangeStatus.HasSubfolders, folder.FullName);
            }
            _folders.Delete(folder.Id);
            return new FolderChange(FolderChangeStatus.Done);
        }
    }

    // Caller holds _writeGate.
    private MoveOutcome MoveLocked(Folder? source, Folder? target, IReadOnlyCollection<uint> uids)
    {
        if (source is null)
        {
            return MoveOutcome.FolderNotFound;
        }
        if (target is null)
        {
            return MoveOutcome.DestinationNotFound;
        }
        if (source.Id == target.Id)
        {
            return new MoveOutcome(MoveStatus.SameFolder, 0, target.FullName);
        }
        var moved = 0;
        _database.BeginTrans();
        try
        {
            // In UID order, so that the moved messages keep their relative order in the destination, as with IMAP MOVE.
            foreach (var uid in uids.Distinct().Order())
            {
                var key = MessageKey(source.Id, uid);
                var message = _messages.FindById(key);
                if (message is null)
                {
                    continue;
                }
                var raw = _sources.FindById(key);
                var newUid = target.NextUid++;
                message.Id = MessageKey(target.Id, newUid);
                message.FolderId = target.Id;
                message.Uid = newUid;
                _messages.Delete(key);
                _messages.Insert(message);
                _sources.Delete(key);
                if (raw is not null)
                {
                    raw.Id = message.Id;
                    _sources.Insert(raw);
                }
                moved++;
            }
            _folders.Update(target);
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
        return new MoveOutcome(MoveStatus.Done, moved, target.FullName);
    }

    // Caller holds _writeGate.
    private int DeleteLocked(IReadOnlyList<string> keys)
    {
        var deleted = 0;
        _database.BeginTrans();
        try
        {
            foreach (var key in keys)
            {
                if (_messages.Delete(key))
                {
                    deleted++;
                }
                _sources.Delete(key);
            }
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
        return deleted;
    }

    private Folder? FindSibling(string account, string? parentPath, string name, Folder? except) =>
        _folders.Find(f => f.Account == account).ToList()
            .Where(f => except is null || f.Id != except.Id)
            .Where(f => ParentPath(f.FullName) == parentPath)
            .FirstOrDefault(f => FolderNameRules.SameName(LeafName(f.FullName), name));

    private static string? ParentPath(string fullName)
    {
        var slash = fullName.LastIndexOf(Separator);
        return slash < 0 ? null : fullName[..slash];
    }

    private static string LeafName(string fullName) => fullName[(fullName.LastIndexOf(Separator) + 1)..];
}

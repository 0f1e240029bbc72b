using WebmailLite.Mail;

namespace WebmailLite.Practice;

public sealed partial class PracticeStore
{
    /// <summary>Sets <c>\Draft</c> on a message. <c>false</c> when the folder or UID does not exist.</summary>
    public bool MarkDraft(string identifier, string folderFullName, uint uid)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        var message = folder is null ? null : _messages.FindById(MessageKey(folder.Id, uid));
        if (message is null)
        {
            return false;
        }
        message.Draft = true;
        return _messages.Update(message);
    }

    /// <summary>Whether the message carries <c>\Draft</c>; <c>null</c> when it does not exist.</summary>
    public bool? IsDraft(string identifier, string folderFullName, uint uid)
    {
        var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
        return folder is null ? null : _messages.FindById(MessageKey(folder.Id, uid))?.Draft;
    }

    /// <summary>Deletes a message for good (summary and source together). <c>false</c> when it does not exist.</summary>
    public bool DeleteMessage(string identifier, string folderFullName, uint uid)
    {
        lock (_writeGate)
        {
            var folder = FindFolderDocument(NormalizeIdentifier(identifier), folderFullName);
            if (folder is null)
            {
                return false;
            }
            var key = MessageKey(folder.Id, uid);
            _database.BeginTrans();
            try
            {
                var deleted = _messages.Delete(key);
                _sources.Delete(key);
                _database.Commit();
                return deleted;
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }
}

namespace WebmailLite.Mail;

/// <summary>A selectable folder. <see cref="Name"/> is the server's last path segment; pages show special-use folders by their French name.</summary>
public sealed record MailFolder(string FullName, string Name, SpecialFolder Special, int Unread, int Total);

public enum SpecialFolder
{
    None,
    Inbox,
    Drafts,
    Sent,
    Trash,
    Junk,
    Archive,
}

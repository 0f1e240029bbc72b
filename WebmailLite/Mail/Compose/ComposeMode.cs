namespace WebmailLite.Mail.Compose;

/// <summary>What the compose form was opened for.</summary>
public enum ComposeMode
{
    New,
    Reply,
    ReplyAll,
    Forward,
}

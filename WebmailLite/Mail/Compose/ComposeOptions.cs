namespace WebmailLite.Mail.Compose;

/// <summary>Limits of the compose form (configuration section <c>Mail:Compose</c>).</summary>
public sealed class ComposeOptions
{
    public const string Section = "Mail:Compose";

    /// <summary>
    /// All attachments of one message together. 10 MB of files become about 13.7 MB once base64-encoded, under the
    /// usual 20–25 MB limit of receiving servers.
    /// </summary>
    public long MaxTotalAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>One file.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>To, Cc and Bcc together: beyond this a message is a mailing, for a list.</summary>
    public int MaxRecipients { get; set; } = 100;

    /// <summary>How long files added to a form that was not sent are kept (encrypted) on the server.</summary>
    public TimeSpan AttachmentRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a sent form is remembered, so that posting it again sends nothing (<see cref="Outbox.SentForm"/>). A form
    /// can be posted only within the session it was shown in (its antiforgery token is bound to the session), so this
    /// needs to cover <c>Session:AbsoluteTimeout</c> (10 h by default); a record is about 200 bytes.
    /// </summary>
    public TimeSpan SentFormMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The largest request the compose page reads. Files over the limits but under this are received and refused
    /// politely, with everything typed kept; a larger request is cut off by the server (HTTP 413) and its text lost,
    /// which is why this is well above the attachment limits. At least twice the total limit.
    /// </summary>
    public long MaxRequestBytes { get; set; } = 64 * 1024 * 1024;

    public long EffectiveMaxRequestBytes => Math.Max(MaxRequestBytes, 2 * MaxTotalAttachmentBytes + 1024 * 1024);
}

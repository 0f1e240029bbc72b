using MimeKit;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Mail;

/// <summary>
/// A message as the message page reads it: <see cref="Message"/> has the message's headers and MIME structure, but the
/// parts listed in <see cref="Excerpts"/> hold only part of their content (the page of the body shown, or nothing for an
/// attachment), so that opening a large message costs what its page costs, not what the message weighs.
/// </summary>
public sealed record MessageToRead(MimeMessage Message, IReadOnlyDictionary<MimeEntity, PartExcerpt> Excerpts)
{
    private static readonly IReadOnlyDictionary<MimeEntity, PartExcerpt> None = new Dictionary<MimeEntity, PartExcerpt>();

    /// <summary>A message read whole (every part's content complete).</summary>
    public static MessageToRead Whole(MimeMessage message) => new(message, None);

    /// <summary>
    /// Messages up to this many page sizes (<see cref="MailOptions.MessagePageBytes"/>) are read whole; larger ones
    /// part by part, as <see cref="Excerpts"/>.
    /// </summary>
    public const int WholeMessagePages = 8;
}

using System.Text;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace WebmailLite.Mail.Compose;

/// <summary>Turns an <see cref="OutgoingMessage"/> into the MIME message that is sent, copied to Envoyés or saved as a draft.</summary>
public static class OutgoingMessageBuilder
{
    public static MimeMessage Build(OutgoingMessage outgoing, DateTimeOffset date)
    {
        var message = new MimeMessage();
        // Always the signed-in account: the form has no From field, and nothing posted can change it.
        message.From.Add(outgoing.From);
        message.To.AddRange(outgoing.To);
        message.Cc.AddRange(outgoing.Cc);
        message.Bcc.AddRange(outgoing.Bcc);
        message.Subject = HeaderText.Clean(outgoing.Subject);
        message.Date = date;
        var at = outgoing.From.Address.LastIndexOf('@');
        message.MessageId = MimeUtils.GenerateMessageId(at < 0 ? "webmaillite.invalid" : outgoing.From.Address[(at + 1)..]);

        if (outgoing.InReplyTo is { Length: > 0 } inReplyTo)
        {
            message.InReplyTo = inReplyTo;
        }
        foreach (var reference in outgoing.References ?? [])
        {
            message.References.Add(reference);
        }

        var text = new TextPart(TextFormat.Plain);
        // UTF-8, CRLF on the wire: accents arrive as typed.
        text.SetText(Encoding.UTF8, HeaderText.CleanBody(outgoing.Body).Replace("\n", "\r\n", StringComparison.Ordinal));

        if (outgoing.Attachments.Count == 0)
        {
            message.Body = text;
        }
        else
        {
            var mixed = new Multipart("mixed") { text };
            foreach (var attachment in outgoing.Attachments)
            {
                mixed.Add(ToPart(attachment));
            }
            message.Body = mixed;
        }

        // 7-bit clean (quoted-printable text, base64 files): any relay on the way passes it unchanged, and the
        // copy in Envoyés is byte for byte what was submitted.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static MimePart ToPart(OutgoingAttachment attachment)
    {
        var type = ContentType.TryParse(attachment.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
        // Only type/subtype: parameters from a browser (charset, name) are not ours to vouch for.
        var part = new MimePart(type.MediaType, type.MediaSubtype)
        {
            Content = new MimeContent(new MemoryStream(attachment.Content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = attachment.FileName,
        };
        return part;
    }
}

using MailKit;
using MimeKit;
using MimeKit.Utils;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Mail.Imap;

public sealed partial class ImapMailbox
{
    // A text part up to this size is read whole: cheaper than two partial fetches, and its page is exact.
    private const int SmallPartBytes = 65_536;

    // At most this many large body candidates get their page read (a message of a thousand 1 MB text parts must not
    // cost a thousand pages); the text first, then the HTML, is what real mail has.
    private const int MaxPagedCandidates = 4;

    // Likewise for small ones: a thousand tiny text parts must not cost a thousand round trips.
    private const int MaxSmallCandidates = 16;

    public Task<MessageToRead?> ReadMessageAsync(string folder, uint uid, int bodyPage, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bodyPage, 1);
        if (uid == 0)
        {
            return Task.FromResult<MessageToRead?>(null);
        }

        return UseImapAsync(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadWrite, ct);
            if (opened is null)
            {
                return null;
            }

            var id = new UniqueId(uid);
            var summary = (await opened.FetchAsync([id], new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.BodyStructure), ct))
                .FirstOrDefault();
            if (summary is null)
            {
                return null;
            }

            MessageToRead read;
            if (summary is { Size: { } size, Body: { } structure } && size > (long)_options.MessagePageBytes * MessageToRead.WholeMessagePages)
            {
                read = await ReadByPartsAsync(opened, id, structure, bodyPage, ct);
            }
            else
            {
                try
                {
                    read = MessageToRead.Whole(await opened.GetMessageAsync(id, ct));
                }
                catch (MessageNotFoundException)
                {
                    return null;
                }
            }

            await opened.AddFlagsAsync(id, MessageFlags.Seen, silent: true, ct);
            return read;
        }, cancellationToken);
    }

    // « Télécharger le message » reads the source from the server this much at a time.
    private const int SourcePieceBytes = 1_048_576;

    public async Task<bool> CopySourceAsync(string folder, uint uid, Func<string, Stream> open, CancellationToken cancellationToken)
    {
        if (uid == 0)
        {
            return false;
        }

        var id = new UniqueId(uid);
        var found = await UseImapAsync(async (client, ct) =>
        {
            var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct);
            var summary = opened is null
                ? null
                : (await opened.FetchAsync([id], new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.Envelope), ct)).FirstOrDefault();
            return summary is { Size: { } size } ? new SourceFound(summary.Envelope?.Subject ?? "", size) : null;
        }, cancellationToken);
        if (found is null)
        {
            return false;
        }

        var destination = open(found.Subject);
        for (long offset = 0; offset < found.Size; offset += SourcePieceBytes)
        {
            // One piece per turn of the gate: the person's other clicks are not held up by a slow download, and the
            // piece is written to the browser outside the gate.
            var piece = await UseImapAsync(async (client, ct) =>
            {
                var opened = await OpenFolderAsync(client, folder, FolderAccess.ReadOnly, ct)
                    ?? throw new MessageNotFoundException("The folder disappeared during the download.");
                var count = (int)Math.Min(SourcePieceBytes, found.Size - offset);
                using var stream = await opened.GetStreamAsync(id, checked((int)offset), count, ct);
                return await ReadAllAsync(stream, count, ct);
            }, cancellationToken);
            if (piece.Length == 0)
            {
                // Expunged meanwhile: what was sent is all there is; the browser sees a short download.
                throw new MessageNotFoundException("The message disappeared during the download.");
            }

            await destination.WriteAsync(piece, cancellationToken);
        }

        return true;
    }

    private sealed record SourceFound(string Subject, uint Size);

    /// <summary>
    /// The message rebuilt from its headers and the server's BODYSTRUCTURE, with the content of small text parts and the
    /// page asked for of large ones; attachments are described (type, name, size) but not read. Each leaf is built from
    /// the same fields MimeKit would parse from its MIME headers, in the same order, so part indices match the whole
    /// message's.
    /// </summary>
    private async Task<MessageToRead> ReadByPartsAsync(IMailFolder folder, UniqueId id, BodyPart structure, int bodyPage, CancellationToken ct)
    {
        var headers = await folder.GetHeadersAsync(id, ct);
        using var raw = new MemoryStream();
        headers.WriteTo(raw);
        raw.Write("\r\n"u8);
        raw.Position = 0;
        var message = MimeMessage.Load(raw, ct);

        var excerpts = new Dictionary<MimeEntity, PartExcerpt>(ReferenceEqualityComparer.Instance);
        var paged = 0;
        var small = 0;
        var pageBytes = _options.MessagePageBytes;

        // Iterative, as the renderer reads trees: nesting depth comes from the sender.
        var root = NewEntity(structure);
        var pending = new Stack<(BodyPart Part, MimeEntity Entity)>();
        pending.Push((structure, root));
        while (pending.TryPop(out var item))
        {
            switch (item.Part, item.Entity)
            {
                case (BodyPartMultipart multipart, Multipart container):
                    var children = multipart.BodyParts.Select(child => (child, NewEntity(child))).ToList();
                    foreach (var (_, child) in children)
                    {
                        container.Add(child);
                    }
                    for (var i = children.Count - 1; i >= 0; i--)
                    {
                        pending.Push(children[i]);
                    }
                    break;
                case (BodyPartBasic basic, MimePart part):
                    var encoding = MimeUtils.TryParse(basic.ContentTransferEncoding, out ContentEncoding parsed) ? parsed : ContentEncoding.Default;
                    byte[] content = [];
                    var start = 0L;
                    var isCandidate = part is TextPart { IsPlain: true } or TextPart { IsHtml: true } && !part.IsAttachment && string.IsNullOrWhiteSpace(part.FileName);
                    if (isCandidate && basic.Octets <= SmallPartBytes && small++ < MaxSmallCandidates)
                    {
                        content = await ReadSectionAsync(folder, id, basic, 0, (int)basic.Octets, ct);
                    }
                    else
                    {
                        if (isCandidate && paged++ < MaxPagedCandidates && bodyPage <= BodyPages.PageCount(basic.Octets, pageBytes))
                        {
                            var (from, to) = BodyPages.FetchRange(bodyPage - 1, basic.Octets, pageBytes);
                            content = await ReadSectionAsync(folder, id, basic, from, (int)(to - from), ct);
                            start = from;
                        }

                        excerpts.Add(part, new PartExcerpt(start, basic.Octets));
                    }

                    part.Content = new MimeContent(new MemoryStream(content, writable: false), encoding);
                    break;
                case (BodyPartBasic basic, MessagePart attached):
                    excerpts.Add(attached, new PartExcerpt(0, basic.Octets));
                    break;
            }
        }

        message.Body = root;
        return new MessageToRead(message, excerpts);
    }

    /// <summary>An entity of the right kind with the part's MIME header fields as BODYSTRUCTURE gives them.</summary>
    private static MimeEntity NewEntity(BodyPart part)
    {
        var type = part.ContentType;
        MimeEntity entity = part switch
        {
            BodyPartMultipart when type.IsMimeType("multipart", "alternative") => new MultipartAlternative(),
            BodyPartMultipart when type.IsMimeType("multipart", "related") => new MultipartRelated(),
            BodyPartMultipart => new Multipart(type.MediaSubtype),
            BodyPartMessage attached => new MessagePart(type.MediaSubtype) { Message = Described(attached.Envelope) },
            _ when type.IsMimeType("text", "*") => new TextPart(type.MediaSubtype),
            _ => new MimePart(type.MediaType, type.MediaSubtype),
        };

        foreach (var parameter in type.Parameters)
        {
            entity.ContentType.Parameters[parameter.Name] = parameter.Value;
        }

        if (part is BodyPartBasic basic)
        {
            entity.ContentDisposition = basic.ContentDisposition;
            if (!string.IsNullOrEmpty(basic.ContentId))
            {
                entity.Headers[HeaderId.ContentId] = basic.ContentId;
            }
            if (!string.IsNullOrEmpty(basic.ContentTransferEncoding))
            {
                entity.Headers[HeaderId.ContentTransferEncoding] = basic.ContentTransferEncoding;
            }
        }

        return entity;
    }

    // An attached message is listed by its subject; its content stays on the server.
    private static MimeMessage Described(Envelope? envelope)
    {
        var message = new MimeMessage();
        if (!string.IsNullOrWhiteSpace(envelope?.Subject))
        {
            message.Subject = envelope.Subject;
        }
        return message;
    }

    /// <summary>Encoded bytes [offset, offset + count) of a leaf's content (BODY.PEEK[section]&lt;offset.count&gt;).</summary>
    private static async Task<byte[]> ReadSectionAsync(IMailFolder folder, UniqueId id, BodyPartBasic part, long offset, int count, CancellationToken ct)
    {
        if (count <= 0)
        {
            return [];
        }

        // The content of a message that is not multipart is its section « 1 » (RFC 3501, 6.4.5).
        var section = string.IsNullOrEmpty(part.PartSpecifier) ? "1" : part.PartSpecifier;
        using var stream = await folder.GetStreamAsync(id, section, checked((int)offset), count, ct);
        return await ReadAllAsync(stream, count, ct);
    }

    // At most count bytes, in one array (fewer when the server had fewer).
    private static async Task<byte[]> ReadAllAsync(Stream stream, int count, CancellationToken ct)
    {
        var bytes = new byte[count];
        var read = await stream.ReadAtLeastAsync(bytes, count, throwOnEndOfStream: false, ct);
        return read == count ? bytes : bytes[..read];
    }
}

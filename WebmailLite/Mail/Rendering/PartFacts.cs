using MimeKit;
using MimeKit.IO;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// What reading a body part once tells us: its decoded size, whether it is an image we may show inline, and whether
/// its encoding was damaged.
/// </summary>
internal readonly record struct PartFacts(string MediaType, long Size, bool IsInlineImage, bool IsDamaged)
{
    /// <summary>
    /// Parts bigger than this are not decoded to the end to be measured: the size is estimated from the encoded
    /// length instead, which bounds the work one view of a message can cost.
    /// </summary>
    public const long MaxMeasuredBytes = 64L * 1024 * 1024;

    public static PartFacts Inspect(MimeEntity entity)
    {
        var mediaType = PartMediaType.Declared(entity.ContentType);
        try
        {
            return entity switch
            {
                MimePart part => InspectPart(part, mediaType),
                MessagePart attached => new PartFacts(mediaType, MeasureMessage(attached), false, attached.Message is null),
                _ => new PartFacts(mediaType, 0, false, false),
            };
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A part we cannot read is listed (so the person knows it exists) and the message is marked damaged.
            return new PartFacts(mediaType, 0, false, true);
        }
    }

    /// <summary>
    /// A part whose content stayed on the server (<see cref="PartExcerpt"/>): its size is estimated from its encoded
    /// length, and a raster image is taken at its declared type (the part page checks its bytes before serving it
    /// inline, and serves it as a download otherwise).
    /// </summary>
    public static PartFacts Estimate(MimeEntity entity, PartExcerpt excerpt)
    {
        var mediaType = PartMediaType.Declared(entity.ContentType);
        var base64 = entity is MimePart { ContentTransferEncoding: ContentEncoding.Base64 };

        // Base64 lines carry 57 bytes in 76 characters and a line break.
        var size = base64 ? excerpt.Length / 78 * 57 + excerpt.Length % 78 * 3 / 4 : excerpt.Length;
        return new PartFacts(mediaType, size, PartMediaType.IsRasterImage(mediaType), IsDamaged: false);
    }

    private static PartFacts InspectPart(MimePart part, string mediaType)
    {
        if (part.Content is not { Stream: { } encoded } content)
        {
            return new PartFacts(mediaType, 0, false, false);
        }

        var damaged = content.Encoding == ContentEncoding.Base64 && !IsCompleteBase64(encoded);

        Span<byte> head = stackalloc byte[PartMediaType.SignatureLength];
        var headLength = 0;
        long size = 0;
        var buffer = new byte[81920];
        using (var decoded = content.Open())
        {
            int read;
            while (size < MaxMeasuredBytes && (read = decoded.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (headLength < head.Length)
                {
                    var take = Math.Min(head.Length - headLength, read);
                    buffer.AsSpan(0, take).CopyTo(head[headLength..]);
                    headLength += take;
                }

                size += read;
            }
        }

        if (size >= MaxMeasuredBytes && encoded.CanSeek)
        {
            size = Math.Max(size, content.Encoding == ContentEncoding.Base64 ? encoded.Length / 4 * 3 : encoded.Length);
        }

        var inlineImage = PartMediaType.IsInlineImage(mediaType, head[..headLength]);
        return new PartFacts(mediaType, size, inlineImage, damaged);
    }

    /// <summary>
    /// MimeKit's decoder silently skips what it cannot decode, so a truncated transfer or a corrupted attachment
    /// would look fine. Count the base64 alphabet ourselves: a foreign character, or a length that does not end on a
    /// 4-character boundary, means bytes were lost.
    /// </summary>
    private static bool IsCompleteBase64(Stream encoded)
    {
        if (!encoded.CanSeek)
        {
            return true;
        }

        encoded.Seek(0, SeekOrigin.Begin);
        long symbols = 0;
        long scanned = 0;
        var buffer = new byte[81920];
        int read;
        while (scanned < MaxMeasuredBytes && (read = encoded.Read(buffer, 0, buffer.Length)) > 0)
        {
            scanned += read;
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/' or (byte)'=')
                {
                    symbols++;
                }
                else if (b is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
                {
                    encoded.Seek(0, SeekOrigin.Begin);
                    return false;
                }
            }
        }

        encoded.Seek(0, SeekOrigin.Begin);
        return scanned >= MaxMeasuredBytes || symbols % 4 == 0;
    }

    private static long MeasureMessage(MessagePart attached)
    {
        if (attached.Message is null)
        {
            return 0;
        }

        // MeasuringStream counts what is written and keeps nothing.
        using var counter = new MeasuringStream();
        attached.Message.WriteTo(counter);
        return counter.Length;
    }
}

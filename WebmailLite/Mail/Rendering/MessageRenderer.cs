using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// Turns a parsed message into what the message page shows: text first, HTML only when there is no text, and that
/// HTML sanitized; attachments with safe names; and a flag instead of an exception when the message is damaged.
/// The body is shown one page of <see cref="MailOptions.MessagePageBytes"/> at a time (<see cref="BodyPages"/>): only
/// that page is decoded and sanitized, so the time, memory and bytes of one view do not grow with the message.
/// A singleton: it holds nothing but the configured sanitizer and the page size, and every call works on its own locals.
/// MimeKit objects are not thread-safe, so one <see cref="MimeMessage"/> must not be rendered by two threads at once.
/// </summary>
public sealed class MessageRenderer
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MailHtmlSanitizer _html = new();
    private readonly int _pageBytes;

    public MessageRenderer()
        : this(MailOptions.DefaultMessagePageBytes)
    {
    }

    public MessageRenderer(IOptions<MailOptions> options)
        : this(options.Value.MessagePageBytes)
    {
    }

    internal MessageRenderer(int pageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageBytes, BodyPages.MinPageBytes);
        _pageBytes = pageBytes;
    }

    public RenderedMessage Render(MimeMessage message, RenderRequest request) =>
        Render(MessageToRead.Whole(message), request);

    /// <summary>
    /// A message read by parts (<see cref="MessageToRead.Excerpts"/>): excerpted parts are measured from the server's
    /// figures, and the body page is cut from the excerpt the mailbox read for that page.
    /// </summary>
    public RenderedMessage Render(MessageToRead read, RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(read);
        var message = read.Message;
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BodyPage, 1);

        try
        {
            return RenderParts(message, read.Excerpts, request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Every step below already guards itself; this is the last line so a message can always be opened.
            return new RenderedMessage(SubjectOf(message), [], [], [], null, "", null, false, [], IsDamaged: true);
        }
    }

    /// <summary>
    /// Body part <paramref name="partIndex"/> (its index in <see cref="MimeMessage.BodyParts"/>), decoded, or
    /// <c>null</c> when there is no such part or it cannot be read.
    /// </summary>
    public PartContent? GetPart(MimeMessage message, int partIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (partIndex < 0)
        {
            return null;
        }

        try
        {
            if (message.BodyParts.ElementAtOrDefault(partIndex) is not { } entity)
            {
                return null;
            }

            var mediaType = PartMediaType.Declared(entity.ContentType);
            var content = ReadContent(entity);
            var inline = PartMediaType.IsInlineImage(mediaType, content);
            return new PartContent(FileNameOf(entity, mediaType, partIndex), PartMediaType.ForServing(mediaType, inline), content, inline);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The file name of the whole message downloaded: its subject (made safe), « .eml ».</summary>
    public string SourceFileName(string subject)
    {
        var line = OneLine(subject) ?? "";
        return AttachmentFileName.Create(line.Length == 0 ? "message.eml" : line + ".eml", "message/rfc822", 0);
    }

    private RenderedMessage RenderParts(MimeMessage message, IReadOnlyDictionary<MimeEntity, PartExcerpt> excerpts, RenderRequest request)
    {
        var damaged = false;
        var tree = MimeTree.Read(message, ref damaged);
        var parts = tree.Leaves;
        var facts = parts.Select(p => excerpts.TryGetValue(p, out var excerpt) ? PartFacts.Estimate(p, excerpt) : PartFacts.Inspect(p)).ToArray();
        damaged |= facts.Any(f => f.IsDamaged);

        var body = ChooseBody(parts, excerpts, ref damaged);
        string? text = null;
        string? html = null;
        var blocked = false;
        var shownInline = new HashSet<int>();

        // Nothing readable at all, but a multipart whose boundary never matched keeps the whole raw body in its
        // preamble: that is still « ce qui a pu être lu ».
        var (content, pageCount) = body is null
            ? PageOf(tree.UnsplitPreamble ?? "", request.BodyPage)
            : ReadPage(body.Part, excerpts.GetValueOrDefault(body.Part), request.BodyPage, ref damaged);
        if (body is { IsHtml: true })
        {
            (text, html, blocked) = RenderHtml(content ?? "", parts, facts, request, shownInline, ref damaged);
        }
        else
        {
            text = content ?? "";
        }

        var attachments = ListAttachments(tree, facts, body?.Index, shownInline);
        return new RenderedMessage(
            SubjectOf(message),
            AddressesOf(message.From),
            AddressesOf(message.To),
            AddressesOf(message.Cc),
            DateOf(message),
            text,
            html,
            blocked,
            attachments,
            damaged,
            Math.Min(request.BodyPage, pageCount + 1),
            pageCount);
    }

    private (string? Text, string? Html, bool Blocked) RenderHtml(
        string source, IReadOnlyList<MimeEntity> parts, PartFacts[] facts, RenderRequest request, HashSet<int> shownInline, ref bool damaged)
    {
        if (request.HtmlAsText || !HtmlTokenScan.IsWithinBudget(source, HtmlBudget.Mail))
        {
            return (HtmlToText.Convert(source).Text, null, false);
        }

        // Only images we may serve inline get a URL; a cid pointing at anything else (SVG, HTML…) is dropped and
        // the part stays in the attachment list.
        var byContentId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parts.Count; i++)
        {
            if (facts[i].IsInlineImage && parts[i].ContentId is { Length: > 0 } contentId)
            {
                byContentId.TryAdd(contentId, i);
            }
        }

        string? ResolveCid(string contentId)
        {
            if (!byContentId.TryGetValue(contentId, out var index))
            {
                return null;
            }

            shownInline.Add(index);
            return request.PartUrl(index);
        }

        try
        {
            var sanitized = _html.Sanitize(source, request.AllowRemoteContent, ResolveCid);
            return (null, sanitized.Html, sanitized.BlockedRemoteContent);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            damaged = true;
            shownInline.Clear();
            return (HtmlToText.Convert(source).Text, null, false);
        }
    }

    /// <summary>
    /// The first non-empty text/plain part that is neither an attachment nor a named file, else the first such
    /// HTML part, else an empty text part. An empty text/plain alternative (« view this mail in HTML ») is skipped
    /// for the HTML: text first means the person reads the message, not a blank page.
    /// </summary>
    private static DisplayedBody? ChooseBody(IReadOnlyList<MimeEntity> parts, IReadOnlyDictionary<MimeEntity, PartExcerpt> excerpts, ref bool damaged)
    {
        // A part too large to have been read whole is not a blank alternative: only its page was read, if any.
        bool? IsBlankPart(TextPart part, ref bool damaged) => excerpts.ContainsKey(part) ? false : IsBlank(part, ref damaged);

        DisplayedBody? blankText = null;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is TextPart { IsPlain: true } part && IsBodyCandidate(part) && IsBlankPart(part, ref damaged) is { } blank)
            {
                if (!blank)
                {
                    return new DisplayedBody(i, part, IsHtml: false);
                }

                blankText ??= new DisplayedBody(i, part, IsHtml: false);
            }
        }

        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is TextPart { IsHtml: true } part && IsBodyCandidate(part) && IsBlankPart(part, ref damaged) == false)
            {
                return new DisplayedBody(i, part, IsHtml: true);
            }
        }

        return blankText;
    }

    // A named part is a file someone attached (Apple Mail sends those « inline »), not the body.
    private static bool IsBodyCandidate(TextPart part) => !part.IsAttachment && string.IsNullOrWhiteSpace(part.FileName);

    /// <summary>
    /// Whether the decoded text is only white space, read as a stream up to its first visible character (a 20 MB
    /// body is never held whole); null when it cannot be read (the message is then marked damaged).
    /// </summary>
    private static bool? IsBlank(TextPart part, ref bool damaged)
    {
        try
        {
            if (part.Content is null)
            {
                return true;
            }

            // White space is ASCII in every charset mail uses; a wrong guess only turns bytes into U+FFFD, not blank.
            using var decoded = part.Content.Open();
            using var reader = new StreamReader(decoded, part.ContentType.CharsetEncoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096);
            var buffer = new char[4096];
            int read;
            while ((read = reader.Read(buffer)) > 0)
            {
                if (!buffer.AsSpan(0, read).IsWhiteSpace())
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            damaged = true;
            return null;
        }
    }

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the decoded text and the number of pages; the text is null when there
    /// is no such page. A body that fits in one page is decoded whole, as MimeKit decodes it; a longer one only around
    /// the page asked for (<see cref="BodyPages"/>).
    /// </summary>
    private (string? Text, int PageCount) ReadPage(TextPart part, PartExcerpt? excerpt, int page, ref bool damaged)
    {
        try
        {
            string text;
            var pageCount = 1;
            if (excerpt is not null)
            {
                // Only the page's bytes were read from the server: they are the whole content, starting at excerpt.Start.
                pageCount = BodyPages.PageCount(excerpt.Length, _pageBytes);
                if (page > pageCount)
                {
                    return (null, pageCount);
                }

                var (start, end) = BodyPages.FetchRange(page - 1, excerpt.Length, _pageBytes);
                using var held = new MemoryStream();
                if (part.Content?.Stream is { } stream)
                {
                    // Checking whether the part is blank has read it already.
                    stream.Seek(0, SeekOrigin.Begin);
                    stream.CopyTo(held);
                }
                if (excerpt.Start != start || held.Length != end - start)
                {
                    // Not the page asked for (a body candidate past the ones the mailbox read a page of).
                    damaged = true;
                    return ("", pageCount);
                }

                text = DecodePage(part, held.GetBuffer().AsSpan(0, (int)held.Length), start, excerpt.Length, page);
            }
            else if (part.Content is { Stream: { CanSeek: true } encoded }
                && (pageCount = BodyPages.PageCount(encoded.Length, _pageBytes)) > 1)
            {
                if (page > pageCount)
                {
                    return (null, pageCount);
                }

                var length = encoded.Length;
                var (start, end) = BodyPages.FetchRange(page - 1, length, _pageBytes);
                var window = new byte[end - start];
                encoded.Seek(start, SeekOrigin.Begin);
                encoded.ReadExactly(window);
                encoded.Seek(0, SeekOrigin.Begin);
                text = DecodePage(part, window, start, length, page);
            }
            else if (page > 1)
            {
                return (null, pageCount);
            }
            else
            {
                text = part.GetText(out _);
            }

            // An unknown charset makes MimeKit guess (UTF-8, then Latin-1); a guess is only safe for pure ASCII.
            // U+FFFD means bytes did not fit the charset and were replaced.
            var unknownCharset = part.ContentType.Charset is not null && part.ContentType.CharsetEncoding is null;
            if ((unknownCharset && !Ascii.IsValid(text)) || text.Contains('\uFFFD'))
            {
                damaged = true;
            }

            if (part.IsFlowed)
            {
                // format=flowed (RFC 3676) wraps long lines with a trailing space; join them back so the text can
                // reflow to the reader's screen and zoom level instead of breaking mid-sentence.
                var deleteSpace = part.ContentType.Parameters.TryGetValue("delsp", out string? delsp)
                    && delsp.Equals("yes", StringComparison.OrdinalIgnoreCase);
                text = new FlowedToText { DeleteSpace = deleteSpace }.Convert(text);
            }

            return (text, pageCount);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            damaged = true;
            return (page == 1 ? "" : null, 1);
        }
    }

    /// <summary>Page <paramref name="page"/> (from 1) of a part, from the encoded bytes <see cref="BodyPages.FetchRange"/> gives.</summary>
    private string DecodePage(TextPart part, ReadOnlySpan<byte> window, long start, long length, int page)
    {
        var charset = part.ContentType.CharsetEncoding;
        var utf8 = charset is null || charset.CodePage == Encoding.UTF8.CodePage;
        var bytes = BodyPages.Cut(window, start, length, page - 1, _pageBytes, part.ContentTransferEncoding, part.IsHtml, utf8);
        return DecodeText(bytes, charset, page == 1);
    }

    /// <summary>As <see cref="TextPart.GetText(out Encoding)"/> decodes: the declared charset, else UTF-8, else Latin-1.</summary>
    private static string DecodeText(byte[] bytes, Encoding? charset, bool first)
    {
        var start = first && bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (charset is not null)
        {
            return charset.GetString(bytes, start, bytes.Length - start);
        }

        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes, start, bytes.Length - start);
        }
    }

    /// <summary>Page <paramref name="page"/> of text already in memory (a damaged message's raw preamble), cut by characters.</summary>
    private (string? Text, int PageCount) PageOf(string text, int page)
    {
        var pageCount = BodyPages.PageCount(text.Length, _pageBytes);
        if (page > pageCount)
        {
            return (null, pageCount);
        }

        var start = (long)(page - 1) * _pageBytes;
        return (text.Substring((int)start, (int)Math.Min(_pageBytes, text.Length - start)), pageCount);
    }

    /// <summary>
    /// Every part except the displayed body, the images it shows inline, and the other renderings of the same
    /// text (the HTML alternative of a text body and vice versa). Everything else is listed, so nothing the sender
    /// attached is ever hidden, including images of an HTML alternative we did not display.
    /// </summary>
    private static List<AttachmentInfo> ListAttachments(MimeTree tree, PartFacts[] facts, int? bodyIndex, HashSet<int> shownInline)
    {
        var alternative = bodyIndex is { } index ? tree.NearestAlternative(tree.Leaves[index]) : null;
        var attachments = new List<AttachmentInfo>();
        for (var i = 0; i < tree.Leaves.Count; i++)
        {
            var part = tree.Leaves[i];
            if (i == bodyIndex)
            {
                continue;
            }

            if (!part.IsAttachment)
            {
                var isOtherRendering = alternative is not null
                    && part is TextPart text
                    && (text.IsPlain || text.IsHtml)
                    && string.IsNullOrWhiteSpace(text.FileName)
                    && tree.IsWithin(part, alternative);
                if (shownInline.Contains(i) || isOtherRendering)
                {
                    continue;
                }
            }

            attachments.Add(new AttachmentInfo(i, FileNameOf(part, facts[i].MediaType, i), facts[i].MediaType, facts[i].Size));
        }

        return attachments;
    }

    private static string FileNameOf(MimeEntity entity, string mediaType, int partIndex)
    {
        var declared = entity switch
        {
            MimePart part => part.FileName,
            MessagePart attached => attached.ContentDisposition?.FileName
                ?? attached.ContentType.Name
                ?? (string.IsNullOrWhiteSpace(attached.Message?.Subject) ? null : attached.Message.Subject + ".eml"),
            _ => null,
        };
        return AttachmentFileName.Create(declared, mediaType, partIndex);
    }

    private static byte[] ReadContent(MimeEntity entity)
    {
        using var buffer = new MemoryStream();
        switch (entity)
        {
            case MimePart { Content: { } content }:
                content.DecodeTo(buffer);
                break;
            case MessagePart { Message: { } attached }:
                attached.WriteTo(buffer);
                break;
        }

        return buffer.ToArray();
    }

    private static string SubjectOf(MimeMessage message) => OneLine(message.Subject) ?? "";

    private static DateTimeOffset? DateOf(MimeMessage message) =>
        message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null;

    private static List<RenderedAddress> AddressesOf(InternetAddressList list) =>
        [.. list.Mailboxes.Select(m => new RenderedAddress(OneLine(m.Name), OneLine(m.Address) ?? ""))];

    /// <summary>
    /// Header text as one line: controls become spaces, and bidirectional embeddings, overrides and isolates are
    /// removed. Those never come in matched pairs from a spoofer, and an unclosed one would reverse the text of our
    /// own page after it (and make « moc.elgoog@ » read as a trusted address).
    /// </summary>
    private static string? OneLine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else if (c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))
            {
                builder.Append(c);
            }
        }

        var line = builder.ToString().Trim();
        return line.Length == 0 ? null : line;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace WebmailLite.Practice;

/// <summary>
/// One letter of <c>Letters/letters.json</c> with the files it names, composed for a seeding time. A mistake in
/// the data throws <see cref="InvalidDataException"/>; <see cref="PracticeLetters"/> adds which letter it was.
/// </summary>
internal sealed partial class PracticeLetter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly PracticeLetterManifest.Letter _entry;
    private readonly string? _messageId;
    private readonly IReadOnlyDictionary<string, PracticeLetterManifest.Person> _people;
    private readonly IReadOnlyDictionary<string, byte[]> _files;

    /// <param name="messageId">The Message-ID a composed letter gets; <c>null</c> for a <c>source</c> letter, whose file has its own.</param>
    /// <param name="files">The files beside the manifest, by their path relative to it (<c>camille/inbox/x.txt</c>).</param>
    public PracticeLetter(
        PracticeLetterManifest.Letter entry,
        string? messageId,
        IReadOnlyDictionary<string, PracticeLetterManifest.Person> people,
        IReadOnlyDictionary<string, byte[]> files)
    {
        _entry = entry;
        _messageId = messageId;
        _people = people;
        _files = files;
        CheckShape(entry);
    }

    public string Account => _entry.Account;

    public string Folder => _entry.Folder;

    public bool Seen => !_entry.Unread;

    public bool Flagged => _entry.Flagged;

    /// <summary>A whole message stored as its file says (mail that must stay malformed), not composed from parts.</summary>
    public bool IsSource => _entry.Source is not null;

    /// <summary>Every file the letter uses, so that a file no letter names can be noticed.</summary>
    public IEnumerable<string> Files =>
        new[] { _entry.Source, _entry.Text, _entry.Html }.OfType<string>()
            .Concat((_entry.Inline ?? []).Concat(_entry.Attachments ?? []).Select(p => p.File));

    /// <summary>How an error names the letter: its first file, else its subject.</summary>
    public static string NameOf(PracticeLetterManifest.Letter entry) =>
        entry.Source ?? entry.Text ?? entry.Html ?? (entry.Subject is { } subject ? "« " + subject + " »" : "no file, no subject");

    public DateTimeOffset DateOn(PracticeSeedClock clock) => clock.At(_entry.DaysAgo, ParseTime(_entry.Time, "time"));

    public MimeMessage ToMessage(PracticeSeedClock clock)
    {
        var date = DateOn(clock);
        var message = new MimeMessage();
        message.From.Add(Mailbox(_entry.From!, "from"));
        message.To.AddRange((_entry.To ?? []).Select(key => Mailbox(key, "to")));
        message.Cc.AddRange((_entry.Cc ?? []).Select(key => Mailbox(key, "cc")));
        message.Subject = _entry.Subject!;
        message.Date = date;
        message.MessageId = _messageId ?? throw new InvalidOperationException("A composed letter needs a Message-ID.");
        message.Body = Body(clock, Values(date));
        // As a mail client would send it: quoted-printable or base64, 7-bit clean.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    public byte[] ToSource(PracticeSeedClock clock)
    {
        var path = _entry.Source!;
        Encoding charset;
        try
        {
            charset = Encoding.GetEncoding(_entry.SourceCharset!, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"sourceCharset « {_entry.SourceCharset} » is not a charset .NET knows.");
        }
        // The file is UTF-8 like every other one, so that it can be edited; the charset is what the mailbox gets.
        var text = Fill(path, ReadText(path), Values(DateOn(clock))).ReplaceLineEndings("\r\n");
        try
        {
            return charset.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new InvalidDataException($"« {path} » has a character that {_entry.SourceCharset} cannot write.");
        }
    }

    private static void CheckShape(PracticeLetterManifest.Letter entry)
    {
        if (entry.DaysAgo < 0)
        {
            throw new InvalidDataException($"daysAgo is {entry.DaysAgo}; letters arrive in the past (0 = the seeding day).");
        }
        if (entry.Source is not null)
        {
            if (entry.SourceCharset is null)
            {
                throw new InvalidDataException("a source letter needs sourceCharset (iso-8859-1, utf-8…).");
            }
            if (new object?[] { entry.From, entry.To, entry.Cc, entry.Subject, entry.Text, entry.Html, entry.Inline, entry.Attachments }.Any(field => field is not null))
            {
                throw new InvalidDataException("a source letter is the whole message: from, to, cc, subject, text, html, inline and attachments belong in its file.");
            }
            return;
        }
        if (entry.SourceCharset is not null)
        {
            throw new InvalidDataException("sourceCharset only goes with source.");
        }
        if (string.IsNullOrWhiteSpace(entry.From) || string.IsNullOrWhiteSpace(entry.Subject))
        {
            throw new InvalidDataException("a letter needs from and subject (or a source file).");
        }
        if (entry.Text is null && entry.Html is null)
        {
            throw new InvalidDataException("a letter needs text, html or both.");
        }
        if (entry.Inline is { Count: > 0 } inline && (entry.Html is null || inline.Any(i => string.IsNullOrWhiteSpace(i.ContentId))))
        {
            throw new InvalidDataException("inline images go with html, each with the contentId its src=\"cid:…\" names.");
        }
        if ((entry.Inline ?? []).Any(i => i.Event is not null) || (entry.Attachments ?? []).Any(a => a.ContentId is not null))
        {
            throw new InvalidDataException("event is for attachments and contentId for inline images.");
        }
    }

    private MimeEntity Body(PracticeSeedClock clock, IReadOnlyDictionary<string, string> values)
    {
        MimeEntity? text = _entry.Text is { } textFile ? new TextPart(TextFormat.Plain) { Text = BodyText(textFile, values) } : null;
        MimeEntity? html = _entry.Html is { } htmlFile ? new TextPart(TextFormat.Html) { Text = BodyText(htmlFile, values) } : null;
        if (html is not null && _entry.Inline is { Count: > 0 } images)
        {
            // HTML with its images inside the message (cid:): shown without any request.
            var related = new MultipartRelated { html };
            foreach (var image in images)
            {
                related.Add(Part(image, ContentDisposition.Inline, ReadFile(image.File)));
            }
            html = related;
        }
        var body = text is not null && html is not null ? new MultipartAlternative { text, html } : (text ?? html)!;
        if (_entry.Attachments is not { Count: > 0 } attachments)
        {
            return body;
        }
        var mixed = new Multipart("mixed") { body };
        foreach (var attachment in attachments)
        {
            mixed.Add(Part(attachment, ContentDisposition.Attachment, AttachmentContent(attachment, clock, values)));
        }
        return mixed;
    }

    private static MimePart Part(PracticeLetterManifest.FilePart file, string disposition, byte[] content) =>
        new(ParseContentType(file))
        {
            Content = new MimeContent(new MemoryStream(content, writable: false)),
            ContentDisposition = new ContentDisposition(disposition),
            ContentTransferEncoding = ContentEncoding.Base64,
            ContentId = file.ContentId,
            // The name the reader sees is the file's own name.
            FileName = file.File[(file.File.LastIndexOf('/') + 1)..],
        };

    /// <summary>Text files are filled in and sent with CRLF line ends, MIME's canonical form; other files go as they are.</summary>
    private byte[] AttachmentContent(PracticeLetterManifest.FilePart attachment, PracticeSeedClock clock, IReadOnlyDictionary<string, string> values)
    {
        var isText = ParseContentType(attachment).MediaType.Equals("text", StringComparison.OrdinalIgnoreCase);
        if (attachment.Event is { } calendarEvent)
        {
            if (!isText)
            {
                throw new InvalidDataException($"« {attachment.File} »: event fills a text file (text/calendar), not {attachment.Type}.");
            }
            values = WithEvent(values, calendarEvent, clock);
        }
        return isText
            ? Encoding.UTF8.GetBytes(Fill(attachment.File, ReadText(attachment.File), values).ReplaceLineEndings("\r\n"))
            : ReadFile(attachment.File);
    }

    private static Dictionary<string, string> WithEvent(IReadOnlyDictionary<string, string> values, PracticeLetterManifest.CalendarEvent calendarEvent, PracticeSeedClock clock)
    {
        static string Utc(DateTimeOffset d) => d.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var start = clock.Ahead(calendarEvent.InDays, ParseTime(calendarEvent.Time, "event.time"));
        return new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            ["event.start"] = Utc(start),
            ["event.end"] = Utc(start.AddMinutes(calendarEvent.Minutes)),
            ["event.stamp"] = Utc(start.AddDays(-calendarEvent.StampDaysBefore)),
        };
    }

    private Dictionary<string, string> Values(DateTimeOffset date) =>
        new(_entry.Values ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["date"] = DateUtils.FormatDate(date) };

    /// <summary>A body as the file has it, with one final line end even if an editor dropped it.</summary>
    private string BodyText(string path, IReadOnlyDictionary<string, string> values)
    {
        var text = Fill(path, ReadText(path), values).ReplaceLineEndings("\n");
        return text.EndsWith('\n') ? text : text + "\n";
    }

    private static string Fill(string path, string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidDataException($"« {path} » asks for {match.Value}; this letter has only {string.Join(", ", values.Keys.Order(StringComparer.Ordinal).Select(k => "{{" + k + "}}"))}."));

    private string ReadText(string path)
    {
        var bytes = ReadFile(path);
        var preamble = StrictUtf8.Preamble;
        var start = bytes.AsSpan().StartsWith(preamble) ? preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"« {path} » is not UTF-8 text: save it as UTF-8.");
        }
    }

    private byte[] ReadFile(string path) =>
        _files.TryGetValue(path, out var bytes)
            ? bytes
            : throw new InvalidDataException($"« {path} » is not among the letters' files (a path relative to letters.json, with /).");

    private MailboxAddress Mailbox(string key, string field) =>
        _people.TryGetValue(key, out var person)
            ? new MailboxAddress(person.Name, person.Address)
            : throw new InvalidDataException($"{field}: nobody called « {key} » in people.");

    private static ContentType ParseContentType(PracticeLetterManifest.FilePart file) =>
        ContentType.TryParse(file.Type, out var type)
            ? type
            : throw new InvalidDataException($"« {file.File} »: type « {file.Type} » is not a MIME type.");

    private static TimeOnly ParseTime(string value, string field) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InvalidDataException($"{field} « {value} » is not a time of day like 08:30.");

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex Placeholder();
}

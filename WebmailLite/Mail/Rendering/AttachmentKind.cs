using MimeKit;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// What an attachment is, said the way people say it: « Classeur Excel » rather than
/// « application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ». <see cref="Detail"/> completes the label
/// where the kind alone says too little: the image format (« JPEG »), an unknown file's extension (« .XYZ »).
/// </summary>
public readonly record struct AttachmentKind(FileKind Kind, string Detail = "")
{
    /// <summary>The media types we name; lower-case <c>type/subtype</c>, compared without regard to case.</summary>
    private static readonly Dictionary<string, FileKind> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = FileKind.Pdf,
        ["application/x-pdf"] = FileKind.Pdf,
        ["application/msword"] = FileKind.Word,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = FileKind.Word,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.template"] = FileKind.Word,
        ["application/vnd.ms-word.document.macroenabled.12"] = FileKind.Word,
        ["application/vnd.ms-excel"] = FileKind.Excel,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = FileKind.Excel,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.template"] = FileKind.Excel,
        ["application/vnd.ms-excel.sheet.macroenabled.12"] = FileKind.Excel,
        ["application/vnd.ms-powerpoint"] = FileKind.PowerPoint,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = FileKind.PowerPoint,
        ["application/vnd.openxmlformats-officedocument.presentationml.slideshow"] = FileKind.PowerPoint,
        ["application/vnd.ms-powerpoint.presentation.macroenabled.12"] = FileKind.PowerPoint,
        ["application/vnd.oasis.opendocument.text"] = FileKind.OpenDocumentText,
        ["application/vnd.oasis.opendocument.spreadsheet"] = FileKind.OpenDocumentSpreadsheet,
        ["application/vnd.oasis.opendocument.presentation"] = FileKind.OpenDocumentPresentation,
        ["application/zip"] = FileKind.Zip,
        ["application/x-zip"] = FileKind.Zip,
        ["application/x-zip-compressed"] = FileKind.Zip,
        ["text/plain"] = FileKind.Text,
        ["message/rfc822"] = FileKind.Email,
        ["text/calendar"] = FileKind.Calendar,
        ["application/ics"] = FileKind.Calendar,
    };

    // Mailers write image/jpg, image/pjpeg or image/x-png; they mean JPEG and PNG.
    private static readonly Dictionary<string, string> ImageFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jpg"] = "JPEG",
        ["pjpeg"] = "JPEG",
        ["x-png"] = "PNG",
        ["svg+xml"] = "SVG",
    };

    /// <summary>
    /// The kind of a part declared as <paramref name="mediaType"/> (parameters allowed, any case) and named
    /// <paramref name="fileName"/>. The declared type decides; when it names nothing we know — often
    /// application/octet-stream, which some mailers send for every file — the name's extension does, through
    /// MimeKit's table of extensions.
    /// </summary>
    public static AttachmentKind Of(string? mediaType, string? fileName)
    {
        if (FromMediaType(Essence(mediaType)) is { } declared)
        {
            return declared;
        }
        var extension = Extension(fileName);
        if (extension.Length > 0 && FromMediaType(MimeTypes.GetMimeType("x" + extension)) is { } guessed)
        {
            return guessed;
        }
        return new(FileKind.File, extension.ToUpperInvariant());
    }

    /// <summary>The kinds whose label takes <see cref="Detail"/> when there is one.</summary>
    public static bool TakesDetail(FileKind kind) => kind is FileKind.File or FileKind.Image;

    private static AttachmentKind? FromMediaType(string mediaType)
    {
        if (Named.TryGetValue(mediaType, out var kind))
        {
            return new(kind);
        }
        const string image = "image/";
        if (mediaType.StartsWith(image, StringComparison.OrdinalIgnoreCase))
        {
            var subtype = mediaType[image.Length..];
            var format = ImageFormats.GetValueOrDefault(subtype) ?? subtype.ToUpperInvariant();
            // « Image VND.MICROSOFT.ICON » tells nobody anything: a short name or none.
            return new(FileKind.Image, IsShortName(format) ? format : "");
        }
        return null;
    }

    /// <summary>« Text/Plain; charset=utf-8 » → « text/plain ».</summary>
    private static string Essence(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return "";
        }
        var end = mediaType.IndexOf(';');
        return (end < 0 ? mediaType : mediaType[..end]).Trim();
    }

    /// <summary>« .xyz » from « rapport.xyz », or nothing when the name has no extension a person would recognise.</summary>
    private static string Extension(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "");
        return extension.Length > 1 && IsShortName(extension[1..]) ? extension : "";
    }

    private static bool IsShortName(string value) => value.Length is >= 1 and <= 8 && value.All(char.IsAsciiLetterOrDigit);
}

using MimeKit;

namespace WebmailLite.Mail.Rendering;

/// <summary>Media-type decisions for serving body parts: what may be shown inline, what must be downloaded.</summary>
internal static class PartMediaType
{
    public const string OctetStream = "application/octet-stream";

    /// <summary>How many decoded bytes <see cref="IsInlineImage"/> needs to recognise an image.</summary>
    public const int SignatureLength = 12;

    /// <summary>
    /// The declared <c>type/subtype</c>, lower-cased and without parameters, or <see cref="OctetStream"/> when it is
    /// missing or not made of RFC 2045 token characters (it ends up in a response header).
    /// </summary>
    public static string Declared(ContentType? contentType)
    {
        var mediaType = contentType?.MediaType;
        var subtype = contentType?.MediaSubtype;
        if (!IsToken(mediaType) || !IsToken(subtype))
        {
            return OctetStream;
        }

        return $"{mediaType}/{subtype}".ToLowerInvariant();
    }

    /// <summary>
    /// True only for PNG, JPEG, GIF and WebP whose first bytes match the declared type. These are the only formats
    /// we let a browser render from our origin: they cannot carry script, unlike HTML, SVG or XML. Checking the
    /// signature as well means a part that lies about its type is downloaded, never interpreted.
    /// </summary>
    public static bool IsInlineImage(string declaredType, ReadOnlySpan<byte> head) => CanonicalImageType(declaredType) switch
    {
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/gif" => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
        "image/webp" => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };

    /// <summary>Whether the declared type is one of the raster images <see cref="IsInlineImage"/> accepts.</summary>
    public static bool IsRasterImage(string declaredType) => CanonicalImageType(declaredType) is not null;

    /// <summary>The type to send: the canonical image type for inline images, otherwise <see cref="DownloadType"/>.</summary>
    public static string ForServing(string declaredType, bool inlineImage) =>
        inlineImage ? CanonicalImageType(declaredType) ?? OctetStream : DownloadType(declaredType);

    /// <summary>
    /// The declared type, except for types a browser would execute or render as a document (HTML, XHTML, SVG, any
    /// XML, JavaScript, and message/multipart types some browsers open as MHTML): those become
    /// <see cref="OctetStream"/>, so even a download opened in the browser, or a response served without our
    /// headers, is never interpreted as active content.
    /// </summary>
    public static string DownloadType(string declaredType)
    {
        var subtype = declaredType[(declaredType.IndexOf('/') + 1)..];
        string[] active = ["html", "xml", "svg", "javascript", "ecmascript", "xsl", "jscript", "x-shockwave-flash"];
        var isActive = active.Any(a => subtype.Contains(a, StringComparison.Ordinal))
            || declaredType.StartsWith("multipart/", StringComparison.Ordinal)
            || declaredType.StartsWith("message/", StringComparison.Ordinal);
        return isActive ? OctetStream : declaredType;
    }

    /// <summary>A file extension for a media type (with the dot), or an empty string when none is known.</summary>
    public static string Extension(string declaredType)
    {
        if (CanonicalImageType(declaredType) is { } image)
        {
            declaredType = image;
        }

        return declaredType != OctetStream && MimeTypes.TryGetExtension(declaredType, out var extension) ? extension : "";
    }

    // Some mailers write image/jpg or image/pjpeg; they mean JPEG.
    private static string? CanonicalImageType(string declaredType) => declaredType switch
    {
        "image/png" or "image/x-png" => "image/png",
        "image/jpeg" or "image/jpg" or "image/pjpeg" => "image/jpeg",
        "image/gif" => "image/gif",
        "image/webp" => "image/webp",
        _ => null,
    };

    private static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 127
        && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$&^_.+-".Contains(c));
}

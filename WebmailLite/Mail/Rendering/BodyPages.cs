using MimeKit;
using MimeKit.IO.Filters;

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// Cuts a body part into pages of at most <c>pageBytes</c> of its <em>encoded</em> source, so that one message page
/// costs the same whatever the size of the message: a 20 MB mail is read one bounded page at a time (« Afficher la
/// suite »), and what is decoded, sanitized and sent is bounded by the page, not by the message.
/// </summary>
/// <remarks>
/// Each page is computed from the bytes around its two boundaries only (page <c>n</c> needs encoded bytes
/// <see cref="FetchRange"/>), never from what comes before it, so a later page costs what the first one costs and
/// could be read from the server by a partial fetch. Pages tile the part exactly, without gap or overlap, because both
/// sides of a boundary compute it from the same bytes with the same rule:
/// <list type="number">
/// <item>in the encoded source, the boundary moves back to the start of its line (base64 and quoted-printable can be
/// decoded from any line start), or, in a line longer than <see cref="LineSearch"/>, to a base64 quantum or before a
/// quoted-printable escape;</item>
/// <item>in the decoded bytes that follow, it moves forward to a clean place: for HTML the next tag start, so that no
/// page begins inside a tag; for text the next line start; at worst the next character start in UTF-8.</item>
/// </list>
/// A multi-byte charset other than UTF-8 may lose one character at a boundary that found no clean place; a base64
/// part whose lines are not whole quanta (never written so by real mailers) may lose bytes at a boundary.
/// </remarks>
internal static class BodyPages
{
    /// <summary>How far back from a boundary the encoded source is searched for a line start.</summary>
    public const int LineSearch = 4096;

    /// <summary>How far past a boundary the decoded bytes are searched for a clean place to cut.</summary>
    public const int CutSearch = 4096;

    // Encoded bytes enough to decode CutSearch bytes in any transfer encoding (quoted-printable: three per byte, plus
    // soft line breaks).
    private const int LookaheadEncoded = CutSearch * 4;

    /// <summary>The smallest page the options allow: boundaries must stay further apart than the searches reach.</summary>
    public const int MinPageBytes = 65_536;

    /// <summary>The number of pages of a part of <paramref name="length"/> encoded bytes (at least one).</summary>
    public static int PageCount(long length, int pageBytes) =>
        (int)Math.Max(1, (length + pageBytes - 1) / pageBytes);

    /// <summary>The encoded bytes <see cref="Cut"/> needs for page <paramref name="page"/> (0-based): [start, end).</summary>
    public static (long Start, long End) FetchRange(int page, long length, int pageBytes)
    {
        var start = Math.Max(0, (long)page * pageBytes - LineSearch);
        var end = Math.Min(length, ((long)page + 1) * pageBytes + LookaheadEncoded);
        return (start, end);
    }

    /// <summary>
    /// The decoded bytes of page <paramref name="page"/> (0-based, below <see cref="PageCount"/>).
    /// <paramref name="window"/> holds encoded bytes <see cref="FetchRange"/> of a part of <paramref name="length"/> bytes.
    /// </summary>
    public static byte[] Cut(ReadOnlySpan<byte> window, long windowStart, long length, int page, int pageBytes, ContentEncoding encoding, bool html, bool utf8)
    {
        var start = EncodedBoundary(window, windowStart, page, pageBytes, encoding);
        var last = (long)(page + 1) * pageBytes >= length;
        var end = last ? length : EncodedBoundary(window, windowStart, page + 1, pageBytes, encoding);

        var body = Decode(window[(int)(start - windowStart)..(int)(end - windowStart)], encoding);
        var from = page == 0 ? 0 : CleanCut(window, windowStart, start, length, encoding, html, utf8);
        var to = 0;
        byte[] next = [];
        if (!last)
        {
            next = Decode(Lookahead(window, windowStart, end, length), encoding);
            to = CleanCut(next, html, utf8);
        }

        from = Math.Min(from, body.Length);
        var result = new byte[body.Length - from + to];
        body.AsSpan(from).CopyTo(result);
        next.AsSpan(0, to).CopyTo(result.AsSpan(body.Length - from));
        return result;
    }

    /// <summary>Where page <paramref name="page"/> starts in the encoded source (absolute offset).</summary>
    private static long EncodedBoundary(ReadOnlySpan<byte> window, long windowStart, int page, int pageBytes, ContentEncoding encoding)
    {
        if (page == 0)
        {
            return 0;
        }

        var target = (long)page * pageBytes;
        var at = (int)(target - windowStart);
        var searchFrom = Math.Max(0, at - LineSearch);
        var lineFeed = window[searchFrom..at].LastIndexOf((byte)'\n');
        if (lineFeed >= 0)
        {
            return windowStart + searchFrom + lineFeed + 1;
        }

        // One line longer than the search: cut where a decoder can still start.
        return encoding switch
        {
            ContentEncoding.Base64 => target - target % 4,
            ContentEncoding.QuotedPrintable when at >= 1 && window[at - 1] == '=' => target - 1,
            ContentEncoding.QuotedPrintable when at >= 2 && window[at - 2] == '=' => target - 2,
            _ => target,
        };
    }

    private static ReadOnlySpan<byte> Lookahead(ReadOnlySpan<byte> window, long windowStart, long from, long length)
    {
        var start = (int)(from - windowStart);
        var end = (int)(Math.Min(length, from + LookaheadEncoded) - windowStart);
        return window[start..Math.Min(end, window.Length)];
    }

    private static int CleanCut(ReadOnlySpan<byte> window, long windowStart, long from, long length, ContentEncoding encoding, bool html, bool utf8) =>
        CleanCut(Decode(Lookahead(window, windowStart, from, length), encoding), html, utf8);

    /// <summary>
    /// The first clean place to cut in the decoded bytes after a boundary: before a tag (HTML), after a line break
    /// (text), else before the first byte that starts a character. Both pages around a boundary call this on the same
    /// bytes, so they agree on it.
    /// </summary>
    private static int CleanCut(ReadOnlySpan<byte> decoded, bool html, bool utf8)
    {
        var searched = decoded[..Math.Min(decoded.Length, CutSearch)];
        if (html)
        {
            for (var i = 0; i + 1 < searched.Length; i++)
            {
                if (searched[i] == '<' && (char.IsAsciiLetter((char)searched[i + 1]) || searched[i + 1] is (byte)'/' or (byte)'!'))
                {
                    return i;
                }
            }
        }
        else if (searched.IndexOf((byte)'\n') is >= 0 and var lineFeed)
        {
            return lineFeed + 1;
        }

        var first = 0;
        while (utf8 && first < Math.Min(3, searched.Length) && (searched[first] & 0xC0) == 0x80)
        {
            first++;
        }

        return first;
    }

    private static byte[] Decode(ReadOnlySpan<byte> encoded, ContentEncoding encoding)
    {
        if (encoded.IsEmpty)
        {
            return [];
        }

        var input = encoded.ToArray();
        if (encoding is not (ContentEncoding.Base64 or ContentEncoding.QuotedPrintable or ContentEncoding.UUEncode))
        {
            return input;
        }

        var filter = DecoderFilter.Create(encoding);
        var output = filter.Flush(input, 0, input.Length, out var index, out var count);
        return output.AsSpan(index, count).ToArray();
    }
}

namespace WebmailLite.Mail.Rendering;

/// <summary>
/// A body part of which only some encoded bytes were read from the server: its content holds the bytes from
/// <see cref="Start"/> on (possibly none), and the whole part has <see cref="Length"/> encoded bytes.
/// </summary>
public sealed record PartExcerpt(long Start, long Length);

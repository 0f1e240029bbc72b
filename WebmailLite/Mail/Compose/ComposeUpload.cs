namespace WebmailLite.Mail.Compose;

/// <summary>A file posted with the compose form, as the browser sent it (name and type untrusted).</summary>
public sealed record ComposeUpload(string? FileName, string? ContentType, long Length, Func<Stream> OpenReadStream)
{
    /// <summary>An empty file input still posts one nameless, empty part.</summary>
    public bool IsEmptyInput => Length == 0 && string.IsNullOrEmpty(FileName);

    public async Task<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)Length);
        await using (var stream = OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }
        return buffer.ToArray();
    }

    /// <summary>The declared type when it parses, else the neutral one.</summary>
    public string MediaType => MimeKit.ContentType.TryParse(ContentType ?? "", out var parsed) ? parsed.MimeType : "application/octet-stream";
}

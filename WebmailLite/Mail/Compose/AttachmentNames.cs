namespace WebmailLite.Mail.Compose;

/// <summary>A file name from a browser or a received message, made safe to put in a header and to show.</summary>
public static class AttachmentNames
{
    public const int MaxLength = 200;

    public static string Clean(string? fileName, string fallback)
    {
        // Old browsers send the whole client path (« C:\Users\…\bulletin.pdf »): only the last segment is the name.
        var name = fileName ?? "";
        var slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        name = HeaderText.Clean(slash >= 0 ? name[(slash + 1)..] : name);
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(MaxLength - Math.Min(extension.Length, 20))] + extension[..Math.Min(extension.Length, 20)];
        }
        return name.Length == 0 ? fallback : name;
    }
}

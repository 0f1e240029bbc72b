namespace WebmailLite.Mail.Compose;

/// <summary>
/// A compose form posted after its session ended, as it was posted: its fields by name (addresses exactly as typed,
/// even invalid ones), its files, and the names of files that could not be kept (over the limits).
/// </summary>
public sealed record RescuedForm(
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<OutgoingAttachment> Files,
    IReadOnlyList<string> FilesNotKept)
{
    private const int FormatVersion = 1;

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>A compact binary form (no base64: files are most of the bytes), to be encrypted as a whole.</summary>
    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(Fields.Count);
            foreach (var (name, value) in Fields)
            {
                writer.Write(name);
                writer.Write(value);
            }
            writer.Write(Files.Count);
            foreach (var file in Files)
            {
                writer.Write(file.FileName);
                writer.Write(file.ContentType);
                writer.Write(file.Content.Length);
                writer.Write(file.Content);
            }
            writer.Write(FilesNotKept.Count);
            foreach (var name in FilesNotKept)
            {
                writer.Write(name);
            }
        }
        return buffer.ToArray();
    }

    public static RescuedForm Deserialize(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException("Unknown rescued form version " + version);
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = reader.ReadInt32(); i > 0; i--)
        {
            var name = reader.ReadString();
            fields[name] = reader.ReadString();
        }
        var files = new List<OutgoingAttachment>();
        for (var i = reader.ReadInt32(); i > 0; i--)
        {
            var name = reader.ReadString();
            var type = reader.ReadString();
            var content = reader.ReadBytes(reader.ReadInt32());
            files.Add(new OutgoingAttachment(name, type, content));
        }
        var notKept = new List<string>();
        for (var i = reader.ReadInt32(); i > 0; i--)
        {
            notKept.Add(reader.ReadString());
        }
        return new RescuedForm(fields, files, notKept);
    }
}

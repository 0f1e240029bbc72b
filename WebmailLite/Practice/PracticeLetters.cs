using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebmailLite.Practice;

/// <summary>
/// Reads the practice letters: <c>Letters/letters.json</c> and the files it names, embedded in the assembly
/// (present in publish output and tests alike, and read-only). Every letter is composed once as it loads, so a
/// mistake in any file stops the loading with the manifest's name, the letter's file and what is wrong, before the
/// seed writes anything.
/// </summary>
internal static class PracticeLetters
{
    public const string ManifestName = "letters.json";

    private const string ResourcePrefix = "practice-letters/";

    private static readonly JsonSerializerOptions ManifestOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt or doubled field must not be silently ignored: the letter would quietly lose it.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    // The embedded files cannot change while the app runs: read and checked once, at the first seeding.
    private static readonly Lazy<IReadOnlyList<PracticeLetter>> EmbeddedLetters =
        new(() => Load(ReadEmbedded(), [PracticeSeed.Identifier, PracticeSeed.SecondIdentifier]), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The letters in the manifest's order.</summary>
    public static IReadOnlyList<PracticeLetter> Embedded => EmbeddedLetters.Value;

    /// <summary>The embedded files by their path relative to the manifest (<c>camille/inbox/x.txt</c>).</summary>
    public static IReadOnlyDictionary<string, byte[]> ReadEmbedded()
    {
        var assembly = typeof(PracticeLetters).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            // %(RecursiveDir) in the resource name uses the building machine's separator.
            files[name[ResourcePrefix.Length..].Replace('\\', '/')] = memory.ToArray();
        }
        return files;
    }

    /// <param name="files">The manifest and the files it names, by path relative to the manifest.</param>
    /// <param name="accounts">The practice accounts a letter may lie in.</param>
    public static IReadOnlyList<PracticeLetter> Load(IReadOnlyDictionary<string, byte[]> files, IReadOnlyCollection<string> accounts)
    {
        var manifest = Parse(files);
        // Any instant will do to compose the letters once: only the data is being checked.
        var anyTime = new PracticeSeedClock(DateTimeOffset.UnixEpoch);
        var letters = new List<PracticeLetter>(manifest.Letters.Count);
        var composed = 0;
        for (var index = 0; index < manifest.Letters.Count; index++)
        {
            var entry = manifest.Letters[index];
            try
            {
                if (!accounts.Contains(entry.Account))
                {
                    throw new InvalidDataException($"account « {entry.Account} » is not a practice account ({string.Join(", ", accounts)}).");
                }
                if (string.IsNullOrWhiteSpace(entry.Folder))
                {
                    throw new InvalidDataException("folder is empty.");
                }
                // Message-IDs follow the manifest's order, as they followed the order of the letters when they were C#.
                var messageId = entry.Source is null ? $"{++composed:D3}.seed@{PracticeSeed.Domain}" : null;
                var letter = new PracticeLetter(entry, messageId, manifest.People, files);
                // Composed once now: a mistake in any of its files shows here, naming the letter, and never
                // halfway through a seeding.
                if (letter.IsSource)
                {
                    _ = letter.ToSource(anyTime);
                }
                else
                {
                    _ = letter.ToMessage(anyTime);
                }
                letters.Add(letter);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{ManifestName}, letter {index + 1} ({PracticeLetter.NameOf(entry)}): {e.Message}", e);
            }
        }
        return letters;
    }

    private static PracticeLetterManifest Parse(IReadOnlyDictionary<string, byte[]> files)
    {
        if (!files.TryGetValue(ManifestName, out var json))
        {
            throw new InvalidDataException($"{ManifestName} is missing from the practice letters.");
        }
        try
        {
            var utf8 = json.AsSpan();
            return JsonSerializer.Deserialize<PracticeLetterManifest>(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8, ManifestOptions)
                ?? throw new InvalidDataException($"{ManifestName} says null instead of people and letters.");
        }
        catch (JsonException e)
        {
            // Syntax errors say where they are; mapping errors (a misspelt field) do not, unless told.
            var where = e.Message.Contains("LineNumber", StringComparison.Ordinal) || e.LineNumber is null
                ? ""
                : $" Path: {e.Path} | LineNumber: {e.LineNumber}.";
            throw new InvalidDataException($"{ManifestName}: {e.Message}{where}", e);
        }
    }
}

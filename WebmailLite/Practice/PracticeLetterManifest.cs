namespace WebmailLite.Practice;

/// <summary>
/// The shape of <c>Letters/letters.json</c>, read as it is written; <see cref="PracticeLetters"/> checks what it
/// says. The manifest's own header explains each field to whoever edits the letters.
/// </summary>
internal sealed record PracticeLetterManifest(
    IReadOnlyDictionary<string, PracticeLetterManifest.Person> People,
    IReadOnlyList<PracticeLetterManifest.Letter> Letters)
{
    public sealed record Person(string Name, string Address);

    public sealed record Letter(
        string Account,
        string Folder,
        int DaysAgo,
        string Time,
        string? From = null,
        IReadOnlyList<string>? To = null,
        IReadOnlyList<string>? Cc = null,
        string? Subject = null,
        string? Text = null,
        string? Html = null,
        IReadOnlyList<FilePart>? Inline = null,
        IReadOnlyList<FilePart>? Attachments = null,
        IReadOnlyDictionary<string, string>? Values = null,
        string? Source = null,
        string? SourceCharset = null,
        bool Unread = false,
        bool Flagged = false);

    public sealed record FilePart(string File, string Type, string? ContentId = null, CalendarEvent? Event = null);

    /// <summary>Fills <c>{{event.start}}</c>, <c>{{event.end}}</c> and <c>{{event.stamp}}</c> in an iCalendar attachment.</summary>
    public sealed record CalendarEvent(int InDays, string Time, int Minutes, int StampDaysBefore);
}

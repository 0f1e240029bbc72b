using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Rendering;

namespace WebmailLite.Infrastructure;

/// <summary>Durations, sizes and dates written the way people say them, in the current language.</summary>
public sealed class UiFormat(IStringLocalizer<UiText> text, IOptions<DisplayOptions> display, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = FindZone(display.Value.TimeZone);

    public string Duration(TimeSpan span)
    {
        if (span >= TimeSpan.FromHours(1) && span.TotalMinutes % 60 == 0)
        {
            var hours = (int)span.TotalHours;
            return hours == 1 ? text["Duration_Hour"] : text["Duration_Hours", hours];
        }
        // Round up: « attendez 1 minute » must never be shorter than the real wait.
        var minutes = Math.Max(1, (int)Math.Ceiling(span.TotalMinutes));
        return minutes == 1 ? text["Duration_Minute"] : text["Duration_Minutes", minutes];
    }

    public string Size(long bytes)
    {
        if (bytes < 1024)
        {
            return text["Size_Bytes", bytes];
        }
        if (bytes < 1024 * 1024)
        {
            return text["Size_KB", Math.Ceiling(bytes / 1024.0)];
        }
        return text["Size_MB", (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.CurrentCulture)];
    }

    /// <summary>« Classeur Excel, 198 Ko »: what a file is, in words, and its size as the list's « Taille » says it.</summary>
    public string FileKindAndSize(string mediaType, string fileName, long bytes)
    {
        var kind = AttachmentKind.Of(mediaType, fileName);
        var name = kind.Detail.Length > 0 && AttachmentKind.TakesDetail(kind.Kind)
            ? text[UiText.FileKindWithDetail(kind.Kind), kind.Detail]
            : text[UiText.FileKindName(kind.Kind)];
        return text["Attachment_KindAndSize", name, Size(bytes)];
    }

    public DateTimeOffset Local(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, _zone);

    /// <summary>Short form for lists: the time today, the day and month this year, the full date otherwise.</summary>
    public string ShortDate(DateTimeOffset value)
    {
        var local = Local(value);
        var today = Local(time.GetUtcNow());
        if (local.Date == today.Date)
        {
            return Clock(local);
        }
        return local.Year == today.Year
            ? local.ToString("d MMM", CultureInfo.CurrentCulture)
            : local.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
    }

    public string LongDate(DateTimeOffset value)
    {
        var local = Local(value);
        return local.ToString(Localization.IsFrench ? "dddd d MMMM yyyy 'à '" : "dddd d MMMM yyyy 'at '", CultureInfo.CurrentCulture) + Clock(local);
    }

    /// <summary>A time of day as people write it: « 18 h », « 8 h 05 » in French (as the guide does), « 18:00 » in English.</summary>
    public static string Clock(DateTimeOffset local) => Localization.IsFrench
        ? local.Minute == 0 ? $"{local.Hour} h" : $"{local.Hour} h {local.Minute:00}"
        : local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Machine-readable value for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}

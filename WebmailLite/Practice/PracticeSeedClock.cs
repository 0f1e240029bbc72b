namespace WebmailLite.Practice;

/// <summary>Times of day in Paris, some days before (or after) the seeding day, so that the practice mailbox always looks recent.</summary>
internal sealed class PracticeSeedClock
{
    private readonly DateTimeOffset _now;
    private readonly DateOnly _anchor;
    private readonly TimeZoneInfo _zone;

    public PracticeSeedClock(DateTimeOffset now)
    {
        _now = now;
        _zone = FindParis();
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        // Day 0 is today once the morning is over, yesterday before: day 0's mail (all dated before noon)
        // is then already in the past when the seed runs.
        _anchor = DateOnly.FromDateTime(local.DateTime).AddDays(local.Hour >= 12 ? 0 : -1);
    }

    /// <summary>A past time; never later than now.</summary>
    public DateTimeOffset At(int daysAgo, TimeOnly time)
    {
        var date = Local(-daysAgo, time);
        return date > _now ? _now : date;
    }

    /// <summary>A future time, for invitations.</summary>
    public DateTimeOffset Ahead(int days, TimeOnly time) => Local(days, time);

    private DateTimeOffset Local(int dayOffset, TimeOnly time)
    {
        var local = _anchor.AddDays(dayOffset).ToDateTime(time);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A host without tzdata: a fixed UTC+1 only shifts the sample dates by an hour in summer.
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Paris", TimeSpan.FromHours(1), "Paris", "Paris");
        }
    }
}

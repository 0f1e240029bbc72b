using System.Globalization;
using WebmailLite.Infrastructure;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>Times of day as the guide writes them: « 18 h », never « 18:00 » beside it.</summary>
public sealed class UiFormatClockTests
{
    [Theory]
    [InlineData("fr-FR", 18, 0, "18 h")]
    [InlineData("fr-FR", 8, 5, "8 h 05")]
    [InlineData("fr-FR", 17, 30, "17 h 30")]
    [InlineData("en-GB", 18, 0, "18:00")]
    [InlineData("en-GB", 8, 5, "08:05")]
    public void Clock_WrittenAsPeopleWriteIt(string culture, int hour, int minute, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(expected, UiFormat.Clock(new DateTimeOffset(2026, 12, 1, hour, minute, 0, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

namespace WebmailLite.Tests.ScreenReader;

/// <summary>
/// The screen-reader journeys: one Orca, one Chromium window, so one lane, one journey at a time. It runs beside the
/// other lanes (its own display, its own browser).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScreenReaderCollection : ICollectionFixture<ScreenReaderRig>
{
    public const string Name = "Screen reader";
}

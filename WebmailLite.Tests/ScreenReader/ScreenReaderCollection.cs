namespace WebmailLite.Tests.ScreenReader;

/// <summary>
/// The screen-reader journeys: one Orca, one Chromium window, so one lane, one journey at a time. It runs alone, after
/// the parallel lanes: a real screen reader keeps a real user's timing, and with the cluster, directory and process
/// tests beside it (load average 12 on the 2 cores) Orca missed keys and once died.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScreenReaderCollection : ICollectionFixture<ScreenReaderRig>
{
    public const string Name = "Screen reader";
}

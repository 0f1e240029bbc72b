namespace WebmailLite.Tests.Browser;

/// <summary>
/// The guide's pages and the accessibility rig's own check: one Chromium and one practice app (the guide reads no
/// mail). Browser tests run in five such lanes, side by side; each lane is a collection with its own Chromium, sized
/// so that the lanes end at about the same time (about 3 minutes each in a full run on the 2-core machine).
/// </summary>
[CollectionDefinition(Name)]
public sealed class GuideBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<PracticeLiveServer>
{
    public const string Name = "Browser, guide";
}

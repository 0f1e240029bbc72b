namespace WebmailLite.Tests.Browser;

/// <summary>
/// Classes whose apps have settings of their own (account security pages; a session that expires while writing):
/// one Chromium, each app a class fixture. One of the five browser lanes (<see cref="GuideBrowserCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SettingsBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser, own settings";
}

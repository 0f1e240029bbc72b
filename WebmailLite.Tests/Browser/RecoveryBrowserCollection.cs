namespace WebmailLite.Tests.Browser;

/// <summary>
/// The three recovery journeys, keyboard only, with every step checked: the longest browser class, a lane of its own
/// with its own Chromium (its app is a class fixture). One of the five browser lanes (<see cref="GuideBrowserCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class RecoveryBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser, recovery";
}

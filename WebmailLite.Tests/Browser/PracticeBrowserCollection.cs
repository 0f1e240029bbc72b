namespace WebmailLite.Tests.Browser;

/// <summary>
/// Browser tests of the practice mailbox and of the pages every visitor sees: one Chromium and one practice app
/// shared by the classes that need nothing else (its states only add flags and folders); a class with its own
/// settings keeps its own app as a class fixture. One of the five browser lanes (<see cref="GuideBrowserCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PracticeBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<PracticeLiveServer>
{
    public const string Name = "Browser, practice mailbox";
}

namespace WebmailLite.Tests.Browser;

/// <summary>
/// Browser tests that need no mail server: the practice mailbox, the guide, the rig's own check. One Chromium and one
/// practice app shared by the collection (its states only add flags and folders, and the guide reads no mail). It
/// runs beside <see cref="MailServerBrowserCollection"/>: the two together keep both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PracticeBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<PracticeLiveServer>
{
    public const string Name = "Browser, practice mailbox";
}

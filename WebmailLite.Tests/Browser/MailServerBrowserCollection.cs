namespace WebmailLite.Tests.Browser;

/// <summary>
/// Browser tests in front of the test Dovecot and Postfix. One Chromium, and one app with the default settings shared
/// by the classes that need nothing else (each test makes its own accounts); classes with their own settings keep
/// their own app as a class fixture. One of the five browser lanes (<see cref="GuideBrowserCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class MailServerBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<DovecotLiveServer>
{
    public const string Name = "Browser, mail server";
}

using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using WebmailLite.Contacts;
using WebmailLite.Preferences;
using WebmailLite.Storage;

namespace WebmailLite.Tests.Contacts;

/// <summary>Collecting on send follows « Préférences », through the real stores.</summary>
public sealed class ContactCollectorTests : IDisposable
{
    private readonly AppDatabase _database = AppDatabase.InMemory();

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public async Task AcceptedMessage_RecipientsCollected_OnlyWhenThePersonCollects(bool collect, int expected)
    {
        var contacts = new LiteDbContactStore(_database, TimeProvider.System);
        var preferences = new LiteDbPreferencesStore(_database);
        await preferences.SaveAsync("c.martin", UserPreferences.Default with { CollectContacts = collect }, CancellationToken.None);
        var collector = new ContactCollector(contacts, preferences, NullLogger<ContactCollector>.Instance);
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress("Hélène Dubois", "h.dubois@ac-test.fr"));
        message.Cc.Add(new MailboxAddress("", "vie-scolaire@ac-test.fr"));

        await collector.MessageAcceptedAsync("c.martin", message, CancellationToken.None);

        Assert.Equal(expected, (await contacts.AllAsync("c.martin", CancellationToken.None)).Count);
        Assert.Empty(await contacts.AllAsync("j.roux", CancellationToken.None));
    }

    public void Dispose() => _database.Dispose();
}

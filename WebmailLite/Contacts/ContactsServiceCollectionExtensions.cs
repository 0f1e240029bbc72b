using WebmailLite.Mail.Outbox;
using WebmailLite.Preferences;

namespace WebmailLite.Contacts;

public static class ContactsServiceCollectionExtensions
{
    /// <summary>« Contacts »: the store, the pages' workflows, suggestions for recipient fields, and collecting on send. Needs <c>AddStorage()</c>.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton<IContactStore, LiteDbContactStore>();
        services.AddSingleton<ContactBook>();
        services.AddSingleton<VCardExchange>();
        services.AddSingleton<RescuedContactFormStore>();
        services.AddSingleton<IRecipientSuggestions, ContactSuggestions>();
        services.AddSingleton<ISentMessageObserver, ContactCollector>();
        return services;
    }
}

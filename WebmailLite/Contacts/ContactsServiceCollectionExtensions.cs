using Microsoft.Extensions.DependencyInjection.Extensions;
using WebmailLite.Mail.Outbox;
using WebmailLite.Preferences;
using WebmailLite.Storage;

namespace WebmailLite.Contacts;

public static class ContactsServiceCollectionExtensions
{
    /// <summary>
    /// « Contacts »: the store, the pages' workflows, suggestions for recipient fields (the person's contacts, unless
    /// <c>AddAccounts</c> registered the académie directory's), and collecting on send. Needs <c>AddStorage()</c>, and
    /// <c>AddMail()</c> for the kept contact forms' store.
    /// </summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddStore<IContactStore, LiteDbContactStore, PostgresContactStore>();
        services.AddSingleton<ContactBook>();
        services.AddSingleton<VCardExchange>();
        services.AddSingleton<RescuedContactFormStore>();
        services.AddSingleton<ContactSuggestions>();
        services.TryAddSingleton<IRecipientSuggestions>(provider => provider.GetRequiredService<ContactSuggestions>());
        services.AddSingleton<ISentMessageObserver, ContactCollector>();
        return services;
    }
}

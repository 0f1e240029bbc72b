using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Contacts;

/// <summary>
/// A contact form (« Ajouter un contact », « Modifier le contact ») posted after its session ended, kept until its owner
/// opens that same form again: one per contact being edited, one for a new contact.
/// </summary>
public sealed class RescuedContactFormStore(IKeptFieldsStore kept, IDataProtectionProvider protection, IOptions<ComposeRescueOptions> options)
    : RescuedFieldsStore(kept, "rescued_contact_forms", protection, Purpose, options.Value.Retention)
{
    public const string Purpose = "WebmailLite.RescuedContactForm.v1";

    // A contact id is short; anything longer is a hand-made address and shares the new contact's slot rather than
    // growing the key.
    private static string Slot(string? contactId) => contactId is { Length: > 0 and <= 64 } ? "id:" + contactId : "new";

    public void Keep(string identifier, string? contactId, IReadOnlyDictionary<string, string> fields) => KeepFields(identifier, Slot(contactId), fields);

    public IReadOnlyDictionary<string, string>? Take(string identifier, string? contactId) => TakeFields(identifier, Slot(contactId));
}

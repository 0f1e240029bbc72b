using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;
using WebmailLite.Storage;

namespace WebmailLite.Preferences;

/// <summary>The « Préférences » form posted after its session ended (a signature typed at length must not be lost), kept until its owner opens « Préférences » again.</summary>
public sealed class RescuedPreferencesStore(AppDatabase database, IDataProtectionProvider protection, IOptions<ComposeRescueOptions> options, TimeProvider time)
    : RescuedFieldsStore(database, "rescued_preferences", protection, Purpose, options.Value.Retention, time)
{
    public const string Purpose = "WebmailLite.RescuedPreferences.v1";

    public void Keep(string identifier, IReadOnlyDictionary<string, string> fields) => KeepFields(identifier, "", fields);

    public IReadOnlyDictionary<string, string>? Take(string identifier) => TakeFields(identifier, "");
}

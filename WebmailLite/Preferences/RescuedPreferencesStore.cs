using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebmailLite.Mail.Compose;

namespace WebmailLite.Preferences;

/// <summary>The « Préférences » form posted after its session ended (a signature typed at length must not be lost), kept until its owner opens « Préférences » again.</summary>
public sealed class RescuedPreferencesStore(IKeptFieldsStore kept, IDataProtectionProvider protection, IOptions<ComposeRescueOptions> options)
    : RescuedFieldsStore(kept, "rescued_preferences", protection, Purpose, options.Value.Retention)
{
    public const string Purpose = "WebmailLite.RescuedPreferences.v1";

    public void Keep(string identifier, IReadOnlyDictionary<string, string> fields) => KeepFields(identifier, "", fields);

    public IReadOnlyDictionary<string, string>? Take(string identifier) => TakeFields(identifier, "");
}

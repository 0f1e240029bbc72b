using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace WebmailLite.Mail.Compose;

/// <summary>
/// A small form (no files) posted after its session ended, kept for its owner by the compose rescue rules until they
/// open that form again, at most <see cref="ComposeRescueOptions.Retention"/>: encrypted with Data Protection under a
/// purpose narrowed to the owner, the fields as <see cref="RescuedForm"/> writes them. One per person and slot (a
/// later post of the same form replaces an earlier one): « Préférences » has one form, each contact its own. Sealed
/// here and opened here only: the <see cref="IKeptFieldsStore"/> beneath, LiteDB or PostgreSQL, holds bytes.
/// </summary>
public abstract class RescuedFieldsStore
{
    private readonly IKeptFieldsStore _kept;
    private readonly string _form;
    private readonly IDataProtector _protector;
    private readonly TimeSpan _retention;

    /// <param name="form">The kind of form: its LiteDB collection, its <c>form</c> in PostgreSQL's <c>kept_fields</c>.</param>
    protected RescuedFieldsStore(IKeptFieldsStore kept, string form, IDataProtectionProvider protection, string purpose, TimeSpan retention)
    {
        _kept = kept;
        _form = form;
        _protector = protection.CreateProtector(purpose);
        _retention = retention;
    }

    protected void KeepFields(string identifier, string slot, IReadOnlyDictionary<string, string> fields)
    {
        var owner = Owner.Of(identifier);
        _kept.Keep(_form, Key(owner, slot), _protector.CreateProtector(owner).Protect(new RescuedForm(fields, [], []).Serialize()), _retention);
    }

    /// <summary>This person's kept form in <paramref name="slot"/>, removed as it is handed back; <c>null</c> when none (expired, or keys lost).</summary>
    protected IReadOnlyDictionary<string, string>? TakeFields(string identifier, string slot)
    {
        var owner = Owner.Of(identifier);
        if (_kept.Take(_form, Key(owner, slot)) is not { } sealedFields)
        {
            return null;
        }
        try
        {
            return RescuedForm.Deserialize(_protector.CreateProtector(owner).Unprotect(sealedFields)).Fields;
        }
        catch (Exception exception) when (exception is CryptographicException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    // The owner alone for a one-form store, so that forms kept before slots existed are still found.
    private static string Key(string owner, string slot) => slot.Length == 0 ? owner : owner + "\n" + slot;
}

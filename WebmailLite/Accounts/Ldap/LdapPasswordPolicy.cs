using System.Formats.Asn1;
using System.Text;
using WebmailLite.Recovery;

namespace WebmailLite.Accounts.Ldap;

/// <summary>
/// The two LDAP messages a password change needs beyond plain LDAP: the Password Modify extended operation (RFC 3062),
/// so that the server hashes the password and applies its own policy, and the password policy control
/// (draft-behera-ldap-password-policy, OpenLDAP's ppolicy), which says why the policy refused it.
/// </summary>
public static class LdapPasswordPolicy
{
    public const string PasswordModifyOid = "1.3.6.1.4.1.4203.1.11.1";
    public const string PolicyControlOid = "1.3.6.1.4.1.42.2.27.8.5.1";

    /// <summary>
    /// <c>PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OCTET STRING OPTIONAL, oldPasswd [1] OPTIONAL,
    /// newPasswd [2] OCTET STRING OPTIONAL }</c>, with the entry's DN and the new password (UTF-8).
    /// </summary>
    public static byte[] PasswordModifyValue(string userDn, string newPassword)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(Encoding.UTF8.GetBytes(userDn), new Asn1Tag(TagClass.ContextSpecific, 0));
            writer.WriteOctetString(Encoding.UTF8.GetBytes(newPassword), new Asn1Tag(TagClass.ContextSpecific, 2));
        }
        return writer.Encode();
    }

    /// <summary>The policy's error in a response control, or <c>null</c> when it carries none (or cannot be read).</summary>
    /// <remarks>
    /// <c>PasswordPolicyResponseValue ::= SEQUENCE { warning [0] CHOICE { … } OPTIONAL, error [1] ENUMERATED { … } OPTIONAL }</c>.
    /// </remarks>
    public static PolicyError? ReadError(byte[]? controlValue)
    {
        if (controlValue is null || controlValue.Length == 0)
        {
            return null;
        }
        try
        {
            var sequence = new AsnReader(controlValue, AsnEncodingRules.BER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
                {
                    // IMPLICIT ENUMERATED: the content octets of an integer.
                    return (PolicyError)(int)sequence.ReadInteger(new Asn1Tag(TagClass.ContextSpecific, 1));
                }
                sequence.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            // A control we cannot read says nothing we can use: the refusal is then told in general terms.
        }
        return null;
    }

    /// <summary>What the person is told: a password used recently, or refused by the académie's rules in general.</summary>
    public static PasswordProblem ProblemOf(PolicyError? error) => error switch
    {
        PolicyError.PasswordInHistory => PasswordProblem.RecentlyUsed,
        PolicyError.PasswordTooYoung => PasswordProblem.ChangedTooRecently,
        _ => PasswordProblem.RefusedByDirectory,
    };

    public enum PolicyError
    {
        PasswordExpired = 0,
        AccountLocked = 1,
        ChangeAfterReset = 2,
        PasswordModNotAllowed = 3,
        MustSupplyOldPassword = 4,
        InsufficientPasswordQuality = 5,
        PasswordTooShort = 6,
        PasswordTooYoung = 7,
        PasswordInHistory = 8,
    }
}

using System.DirectoryServices.Protocols;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// The LDAP Password Modify extended operation (RFC 3062) with System.DirectoryServices.Protocols, and the
/// password policy response control read back from a refusal. Works on Linux (libldap 2.5); written to be
/// moved as it is into the app's LDAP directory.
/// </summary>
public static class PasswordModify
{
    /// <summary>RFC 3062's extended operation.</summary>
    public const string RequestOid = "1.3.6.1.4.1.4203.1.11.1";

    /// <summary>The password policy control: sent empty with the request, it asks the server for the reason of a refusal.</summary>
    public const string PasswordPolicyControlOid = "1.3.6.1.4.1.42.2.27.8.5.1";

    // RFC 3062: PasswdModifyRequestValue ::= SEQUENCE {
    //   userIdentity [0] OCTET STRING OPTIONAL, oldPasswd [1] OCTET STRING OPTIONAL, newPasswd [2] OCTET STRING OPTIONAL }
    // Context-specific primitive tags: [0] = 0x80, [1] = 0x81, [2] = 0x82.
    private const int UserIdentityTag = 0x80;
    private const int OldPasswordTag = 0x81;
    private const int NewPasswordTag = 0x82;

    /// <summary>
    /// The request to set <paramref name="newPassword"/> on <paramref name="userDn"/>. Without
    /// <paramref name="oldPassword"/> the bound identity needs write access to the entry's userPassword (the app
    /// account after a recovery); with it, a person changing their own password. The server hashes the password
    /// (olcPasswordHash) and applies its policy (ppolicy: length, history).
    /// </summary>
    public static ExtendedRequest Request(string userDn, string newPassword, string? oldPassword = null)
    {
        // BerConverter's "t" sets the tag of the next element and "o" writes bytes as an OCTET STRING. "o" with
        // explicit UTF-8 bytes rather than "s": the encoding of a password must not depend on the platform's
        // string marshalling (LDAP strings are UTF-8, RFC 4511).
        var value = oldPassword is null
            ? BerConverter.Encode("{toto}", UserIdentityTag, Utf8(userDn), NewPasswordTag, Utf8(newPassword))
            : BerConverter.Encode("{tototo}", UserIdentityTag, Utf8(userDn), OldPasswordTag, Utf8(oldPassword), NewPasswordTag, Utf8(newPassword));
        var request = new ExtendedRequest(RequestOid, value);
        // Not critical: a server without ppolicy still changes the password, it just gives no reason on refusal.
        request.Controls.Add(new DirectoryControl(PasswordPolicyControlOid, null, isCritical: false, serverSide: true));
        return request;
    }

    /// <summary>
    /// Sends the request on a bound connection. A refusal comes back as a result, not an exception: S.DS.P throws
    /// <see cref="DirectoryOperationException"/> for any non-success result, with the server's response (and its
    /// controls) in <see cref="DirectoryOperationException.Response"/>.
    /// </summary>
    public static PasswordModifyResult Send(LdapConnection connection, ExtendedRequest request)
    {
        try
        {
            var response = (ExtendedResponse)connection.SendRequest(request);
            return new PasswordModifyResult(response.ResultCode, ReadPolicyError(response.Controls), response.ErrorMessage);
        }
        catch (DirectoryOperationException exception) when (exception.Response is { } response)
        {
            return new PasswordModifyResult(response.ResultCode, ReadPolicyError(response.Controls), response.ErrorMessage);
        }
    }

    /// <summary>The policy's reason in the response controls, if the server sent one with an error in it.</summary>
    public static PasswordPolicyError? ReadPolicyError(IEnumerable<DirectoryControl>? controls)
    {
        var control = controls?.FirstOrDefault(c => c.Type == PasswordPolicyControlOid);
        return control?.GetValue() is { Length: > 0 } value ? DecodePolicyError(value) : null;
    }

    /// <summary>
    /// Reads <c>error</c> from a PasswordPolicyResponseValue ::= SEQUENCE { warning [0] CHOICE {…} OPTIONAL,
    /// error [1] ENUMERATED OPTIONAL }. slapd sends e.g. 30 03 81 01 08 for passwordInHistory. Decoded by hand:
    /// BerConverter.Decode has no way to say "optional", and the value is a few bytes.
    /// </summary>
    public static PasswordPolicyError? DecodePolicyError(byte[] value)
    {
        var position = 0;
        if (ReadTag(value, ref position) != 0x30)
        {
            throw new FormatException("The password policy control value is not a SEQUENCE.");
        }

        var end = ReadLength(value, ref position) + position;
        while (position < end)
        {
            var tag = ReadTag(value, ref position);
            var length = ReadLength(value, ref position);
            if (tag == 0x81)
            {
                var error = 0;
                for (var i = 0; i < length; i++)
                {
                    error = (error << 8) | value[position + i];
                }

                return (PasswordPolicyError)error;
            }

            // The warning [0] (constructed, 0xA0): time before expiration or grace logins left; not an error.
            position += length;
        }

        return null;
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static int ReadTag(byte[] value, ref int position) =>
        position < value.Length ? value[position++] : throw new FormatException("Truncated password policy control value.");

    private static int ReadLength(byte[] value, ref int position)
    {
        var first = ReadTag(value, ref position);
        if (first < 0x80)
        {
            return first;
        }

        var length = 0;
        for (var i = 0; i < (first & 0x7F); i++)
        {
            length = (length << 8) | ReadTag(value, ref position);
        }

        return length;
    }
}

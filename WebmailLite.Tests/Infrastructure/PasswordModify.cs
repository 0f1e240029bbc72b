using System.DirectoryServices.Protocols;
using WebmailLite.Accounts.Ldap;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// Password Modify (RFC 3062) as the rig's tests send it, with the app's own encoding and reading of the password
/// policy control (<see cref="LdapPasswordPolicy"/>), so that what the tests prove of slapd holds for the app.
/// </summary>
public static class PasswordModify
{
    /// <summary>The request for <paramref name="userDn"/>, asking for the password policy's reason on refusal (not critical).</summary>
    public static ExtendedRequest Request(string userDn, string newPassword)
    {
        var request = new ExtendedRequest(LdapPasswordPolicy.PasswordModifyOid, LdapPasswordPolicy.PasswordModifyValue(userDn, newPassword));
        request.Controls.Add(new DirectoryControl(LdapPasswordPolicy.PolicyControlOid, null, isCritical: false, serverSide: true));
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

    private static LdapPasswordPolicy.PolicyError? ReadPolicyError(IEnumerable<DirectoryControl>? controls) =>
        LdapPasswordPolicy.ReadError(controls?.FirstOrDefault(c => c.Type == LdapPasswordPolicy.PolicyControlOid)?.GetValue());
}

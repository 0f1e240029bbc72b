using System.DirectoryServices.Protocols;

namespace WebmailLite.Tests.Infrastructure;

/// <summary>
/// What the server answered to a Password Modify: <see cref="ResultCode.Success"/>, or the refusal with the
/// password policy's reason when the server gave one (slapd's ppolicy: constraintViolation 19 with
/// passwordInHistory, passwordTooShort…).
/// </summary>
public sealed record PasswordModifyResult(ResultCode ResultCode, WebmailLite.Accounts.Ldap.LdapPasswordPolicy.PolicyError? PolicyError, string? Message)
{
    public bool Succeeded => ResultCode == ResultCode.Success;
}
